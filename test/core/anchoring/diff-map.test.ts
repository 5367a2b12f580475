import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import * as path from 'node:path';
import { REPO_ROOT, fixturePath } from '../../fixture-path';
import { generateScenario, loadSeeds } from '../../../bench/scenarios/generate';
import type { Annotation } from '../../../src/core/model';
import { OffsetIndex, normalizeText } from '../../../src/core/text';
import { contextAround } from '../../../src/core/anchoring/context';
import { DiffMap } from '../../../src/core/anchoring/diff-map';
import { myersDiff } from '../../../src/core/anchoring/myers';
import { holds, reanchor, type AnchorResult } from '../../../src/core/anchoring/reanchor';
import type { Truth } from '../../../bench/scenarios/tracked-text';
import { classify } from '../../../bench/scenarios/classify';
import { annotate } from './annotate';


/** Re-anchor one annotation of `quote` in `before` after the text became `after`, knowing `before`. */
function diffOne(before: string, quote: string, after: string, context = false): { result: AnchorResult; index: OffsetIndex } {
  const index = new OffsetIndex(after);
  const [result] = reanchor([annotate(before, quote, { context })], index, { previousText: before });
  return { result: result!, index };
}

/** Outcome, method and placed text of a result, for one comparison. */
function summary(result: AnchorResult): [string, string, string] {
  return [result.outcome, result.method, result.annotation.text];
}

/** The `summary` of `diffOne`'s result. */
function diffSummary(before: string, quote: string, after: string): [string, string, string] {
  return summary(diffOne(before, quote, after).result);
}

// ---- Myers ----

test('Myers: the changes turn the first sequence into the second, with the fewest edits', () => {
  const lcs = (a: string, b: string): number => {
    const row = new Array<number>(b.length + 1).fill(0);
    for (let i = 1; i <= a.length; i++) {
      let diagonal = 0;
      for (let j = 1; j <= b.length; j++) {
        const above = row[j]!;
        row[j] = a[i - 1] === b[j - 1] ? diagonal + 1 : Math.max(row[j]!, row[j - 1]!);
        diagonal = above;
      }
    }
    return row[b.length]!;
  };
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 30 }), fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 30 }), (a, b) => {
      const changes = myersDiff(a.length, b.length, (i, j) => a[i] === b[j], a.length + b.length)!;
      let rebuilt = '';
      let at = 0;
      let edits = 0;
      for (const c of changes) {
        assert.ok(c.aStart >= at, 'in order, not overlapping');
        rebuilt += a.slice(at, c.aStart) + b.slice(c.bStart, c.bEnd);
        edits += c.aEnd - c.aStart + c.bEnd - c.bStart;
        at = c.aEnd;
      }
      assert.equal(rebuilt + a.slice(at), b);
      assert.equal(edits, a.length + b.length - 2 * lcs(a, b));
    }),
  );
});

test('Myers: gives up beyond the most edits asked for', () => {
  assert.equal(myersDiff(4, 4, () => false, 7), undefined);
  assert.deepEqual(myersDiff(4, 4, () => false, 8), [{ aStart: 0, aEnd: 4, bStart: 0, bEnd: 4 }]);
});

// ---- spans through the diff ----

const ARTICLE = 'Russia on Friday unveiled proposals.\n\nThe army had about 265,000 troops at the border, officials said.\n\nTalks are due in Geneva.\n';

test('a span no edit touches moves exactly, whatever was inserted or deleted around it', () => {
  const after = 'UPDATE: corrected.\n\n' + ARTICLE.replace('unveiled', 'published').replace('Geneva', 'Vienna');
  const { result, index } = diffOne(ARTICLE, 'about 265,000 troops', after);
  assert.deepEqual(summary(result), ['moved', 'diff', 'about 265,000 troops']);
  assert.equal(result.score, 1);
  assert.ok(holds(result.annotation, index));
});

test('a span that did not move comes back held, by the method held', () => {
  const { result } = diffOne(ARTICLE, 'about 265,000 troops', ARTICLE.replace('Geneva', 'Vienna'));
  assert.deepEqual([result.outcome, result.method, result.score], ['held', 'held', 1]);
});

test('a replaced first or last word belongs inside the span: "about" → "roughly" gives "roughly 265,000 troops"', () => {
  const first = diffOne(ARTICLE, 'about 265,000 troops', ARTICLE.replace('about', 'roughly')).result;
  assert.deepEqual(summary(first), ['edited', 'diff', 'roughly 265,000 troops']);
  assert.ok(first.score > 0.5 && first.score < 1, `score ${first.score} is the share of the text kept`);
  const last = diffOne(ARTICLE, 'about 265,000 troops', ARTICLE.replace('troops', 'soldiers')).result;
  assert.deepEqual(summary(last), ['edited', 'diff', 'about 265,000 soldiers']);
});

test('a pure insertion exactly at a span start or end stays outside it', () => {
  const atStart = diffOne(ARTICLE, '265,000 troops', ARTICLE.replace('about 265,000', 'about some 265,000')).result;
  assert.deepEqual(summary(atStart), ['moved', 'diff', '265,000 troops']);
  const atEnd = diffOne(ARTICLE, 'about 265,000', ARTICLE.replace('265,000 troops', '265,000 armed troops')).result;
  assert.deepEqual(summary(atEnd), ['held', 'held', 'about 265,000']);
});

test('a word edited inside a span is taken in whole, never cut inside a word', () => {
  const { result } = diffOne(ARTICLE, 'The army had about 265,000 troops', ARTICLE.replace('army', 'military'));
  assert.deepEqual(summary(result), ['edited', 'diff', 'The military had about 265,000 troops']);
  const lengthened = diffOne(ARTICLE, 'The army had about', ARTICLE.replace('about', 'aboutish')).result;
  assert.deepEqual(summary(lengthened), ['edited', 'diff', 'The army had aboutish']);
});

test('an empty span at an insertion point stays a point, after the inserted text', () => {
  const at = ARTICLE.indexOf('265,000');
  const diff = DiffMap.between(ARTICLE, ARTICLE.replace('about 265,000', 'about some 265,000'))!;
  assert.deepEqual(diff.map(at, at), { kind: 'mapped', start: at + 5, end: at + 5, edited: false, score: 1 });
});

test('a paragraph cut and pasted elsewhere takes its spans along', () => {
  const moved = 'The army had about 265,000 troops at the border, officials said.\n\n';
  const after = ARTICLE.replace(moved, '') + '\n' + moved;
  const { result, index } = diffOne(ARTICLE, 'about 265,000 troops', after, true);
  assert.deepEqual(summary(result), ['moved', 'diff', 'about 265,000 troops']);
  assert.equal(result.annotation.start, index.toCodePoint(after.indexOf('about')));
  assert.equal(result.annotation.prefix, contextAround(index, result.annotation.start, result.annotation.end).prefix, 'context taken afresh');
});

test('a paragraph moved and edited takes its spans along, through a diff of the paragraph and its new place', () => {
  const moved = 'The army had about 265,000 troops at the border, officials said.\n\n';
  const after = ARTICLE.replace(moved, '') + '\n' + moved.replace('about', 'roughly');
  const { result, index } = diffOne(ARTICLE, 'about 265,000 troops', after);
  assert.deepEqual(summary(result), ['edited', 'diff', 'roughly 265,000 troops']);
  assert.equal(result.annotation.start, index.toCodePoint(after.indexOf('roughly')));
});

test('a paragraph moved takes along a span whose text also stands elsewhere', () => {
  const before = `${ARTICLE}\nThe talks stalled, officials said.\n`;
  const moved = 'The army had about 265,000 troops at the border, officials said.\n\n';
  const after = before.replace(moved, '') + '\n' + moved;
  const { result, index } = diffOne(before, 'officials said', after);
  assert.deepEqual(summary(result), ['moved', 'diff', 'officials said']);
  assert.equal(result.annotation.start, index.toCodePoint(after.indexOf('officials said', after.indexOf('265,000'))));
});

test('a paragraph moved and copied is no telling which copy its spans went with: orphaned as ambiguous', () => {
  const before = `${ARTICLE}\nThe talks stalled, officials said.\n`;
  const moved = 'The army had about 265,000 troops at the border, officials said.\n\n';
  const after = `${before.replace(moved, '')}\n${moved}More talks.\n\n${moved}`;
  const { result } = diffOne(before, 'officials said', after);
  assert.deepEqual([result.outcome, result.method, result.ambiguous], ['orphaned', 'diff', true]);
});

test('a paragraph moved and copied, its span edited in one copy and rewritten in the other, is no telling: orphaned as ambiguous', () => {
  const before = `${ARTICLE}\nThe talks stalled, officials said.\n`;
  const moved = 'The army had about 265,000 troops at the border, officials said.\n\n';
  const after = `${before.replace(moved, '')}\n${moved.replace('about', 'roughly')}More talks.\n\n${moved.replace('about 265,000 troops', 'a great many soldiers')}`;
  const { result } = diffOne(before, 'about 265,000 troops', after);
  assert.deepEqual([result.outcome, result.method, result.ambiguous], ['orphaned', 'diff', true]);
});

test('a paragraph whose words were shuffled as it moved is not followed, and the search for it ends', () => {
  const paragraph = 'alpha beta gamma delta epsilon zeta eta theta iota kappa';
  const before = `Intro line.\n\n${paragraph}\n\nMiddle line.\n\nEnd line.\n`;
  const after = `Intro line.\n\nMiddle line.\n\n${paragraph.split(' ').reverse().join(' ')}\n\nEnd line.\n`;
  // Half its words shared, the one new line is diffed against it; that diff keeps too few of them to
  // place the span, and must not look for the paragraph in that same line again, and again.
  const at = before.indexOf('gamma delta');
  assert.deepEqual(DiffMap.between(before, after)!.map(at, at + 'gamma delta'.length), { kind: 'deleted' });
});

test('a deleted paragraph is not followed into a line edited in place that shares its words', () => {
  const caption = 'Ryabkov says relations with the US have approached a ‘dangerous point’, Photo: agency';
  const paragraph = 'Ryabkov said relations with the US have approached a “dangerous point”, noting drills.';
  const before = `${caption}\n\n${paragraph}\n`;
  const after = `Reporting by the desk in London.\n\n${paragraph.replace(/[“”]/g, '"')}\n`;
  assert.deepEqual(diffSummary(before, 'dangerous point', after), ['orphaned', 'diff', 'dangerous point']);
});

test('a replaced paragraph is not followed into an alike paragraph that moved as it was', () => {
  // Scenario 16998: the caption replaced, and the paragraph it summed up moved to the top, unchanged.
  const caption = 'Russian Deputy Foreign Minister Sergei Ryabkov says relations with the US have approached a ‘dangerous point’, Photo: agency';
  const paragraph = 'Deputy Foreign Minister Sergei Ryabkov said relations with the US have approached a “dangerous point”, noting drills.';
  const before = `Intro.\n\n${caption}\n\nMiddle.\n\n${paragraph}\n`;
  const after = `${paragraph}\n\nIntro.\n\nThe statement came hours after a phone call.\n\nMiddle.\n`;
  const inCaption = diffOne(before, 'Russian Deputy Foreign Minister Sergei Ryabkov', after).result;
  assert.deepEqual(summary(inCaption), ['orphaned', 'diff', 'Russian Deputy Foreign Minister Sergei Ryabkov']);
  const index = new OffsetIndex(after);
  const at = before.lastIndexOf('dangerous point');
  const [moved] = reanchor([{ ...annotate(before, 'dangerous point'), start: at, end: at + 'dangerous point'.length }], index, { previousText: before });
  assert.deepEqual([moved!.outcome, moved!.annotation.start], ['moved', after.indexOf('dangerous point')]);
});

test('a span whose text was deleted is orphaned, keeping its text and offsets', () => {
  const before = annotate(ARTICLE, 'about 265,000 troops');
  const after = ARTICLE.replace('The army had about 265,000 troops at the border, officials said.\n\n', '');
  const [result] = reanchor([before], new OffsetIndex(after), { previousText: ARTICLE });
  assert.deepEqual([result!.outcome, result!.method, result!.annotation.status, result!.ambiguous], ['orphaned', 'diff', 'orphaned', undefined]);
  assert.deepEqual([result!.annotation.start, result!.annotation.end, result!.annotation.text], [before.start, before.end, before.text]);
});

test('a span deleted from a paragraph that was also copied elsewhere is orphaned, not followed into the copy', () => {
  const paragraph = 'The army had massed troops near the border. About 265,000 troops stood there, officials said. Talks went on.';
  const before = `${paragraph}\n\nRussia on Friday unveiled proposals.\n\nThe end.\n`;
  const after = before.replace('The end.', paragraph).replace(' About 265,000 troops stood there, officials said.', '');
  assert.deepEqual(diffSummary(before, 'About 265,000 troops', after), ['orphaned', 'diff', 'About 265,000 troops']);
});

test('a deleted span is not followed to one of two copies pasted elsewhere', () => {
  const sentence = 'The army had about 265,000 troops at the border, officials said.';
  const before = `${ARTICLE}\nMore talks.\n\nThe end.\n`;
  const cut = before.replace(sentence + '\n\n', '');
  const pastedTwice = cut.replace('Russia', `${sentence} Russia`).replace('The end.', `${sentence} The end.`);
  const twice = diffOne(before, 'about 265,000 troops', pastedTwice).result;
  assert.deepEqual([...summary(twice), twice.ambiguous], ['orphaned', 'diff', 'about 265,000 troops', true], 'both copies came with its sentence: a doubt');
  // Into paragraphs of their own words, not alike the old one: still two places with its sentence around it.
  const long = ' Negotiators met for a second day in Vienna and spoke of modest progress on prisoner swaps and grain.';
  const intoLong = cut.replace('Russia on Friday unveiled proposals.', `Russia on Friday unveiled proposals.${long} ${sentence}`).replace('More talks.', `More talks.${long} ${sentence}`);
  const intoLongResult = diffOne(before, 'about 265,000 troops', intoLong).result;
  assert.deepEqual([...summary(intoLongResult), intoLongResult.ambiguous], ['orphaned', 'diff', 'about 265,000 troops', true]);
  const pastedOnce = cut.replace('The end.', `${sentence} The end.`);
  assert.deepEqual(diffSummary(before, 'about 265,000 troops', pastedOnce), ['moved', 'diff', 'about 265,000 troops']);
});

test('a short span whose paragraph was rewritten is not followed to its words echoed in an unrelated sentence', () => {
  const before = `${ARTICLE}\nThe end.\n`;
  const after = before
    .replace('The army had about 265,000 troops at the border, officials said.', 'Reporting by the desk in London.')
    .replace('The end.', 'Earlier reports had spoken of 265,000 troops as well. The end.');
  // The figure stands once, but nothing around it came from the annotated sentence.
  const { result } = diffOne(before, '265,000 troops', after);
  assert.deepEqual([...summary(result), result.ambiguous], ['orphaned', 'diff', '265,000 troops', undefined]);
});

test('a short span whose paragraph was rewritten is not kept on its words echoed in the next paragraph, which the word diff matched', () => {
  const before = 'Intro.\nRyabkov said relations have approached a “dangerous point,” noting drills near Russia.\nTalks are due in Geneva.\n';
  const after = 'Intro.\nReporting by the desk in London.\nEarlier reports had spoken of dangerous point as well. Talks are due in Geneva.\n';
  assert.deepEqual(diffSummary(before, 'dangerous point', after), ['orphaned', 'diff', 'dangerous point']);
  // Marks restyled and a word swapped around it leave its paragraph in place: it stays.
  const restyled = before.replace(/[“”]/g, '"').replace('noting', 'citing');
  assert.deepEqual(diffSummary(before, 'dangerous point', restyled), ['held', 'held', 'dangerous point']);
});

test('a span whose words a rewrite shares only in the middle of new text is orphaned, not kept on them', () => {
  // Scenario 90173: the sentence replaced, and a sentence pasted there that mentions the figure; the word
  // diff kept `about 15,000 people ` between the two rewrites, and the span was kept on it.
  const before = 'Intro.\nIt urged Moscow to re-engage with a peace process in eastern Ukraine, where about 15,000 people have been killed in a seven-year conflict between government troops and separatists.\nEnd.\n';
  const after = 'Intro.\nReaders asked about 15,000 people in letters to the editor. Zelenskiy says he is ready for talks with Russia but favors sanctions.\nEnd.\n';
  const span = 'about 15,000 people have been killed in a seven-year conflict between government troops and separatists';
  assert.deepEqual(diffSummary(before, span, after), ['orphaned', 'diff', span]);
  assert.deepEqual(scenarioVerdicts([[90173, 'about 15,000 people have been killed']]), ['90173 about 15,000 people have been killed: orphaned-rightly']);
  // The same words kept where the paragraph stayed (its start untouched): the span keeps them.
  const replacedTail = before.replace('have been killed in a seven-year conflict between government troops and separatists.', 'were counted by the monitors, who gave no other figure!');
  assert.deepEqual(diffSummary(before, span, replacedTail), ['edited', 'diff', 'about 15,000 people']);
});

test('a short span moved with its sentence into another paragraph follows it', () => {
  const before = `${ARTICLE}\nThe end.\n`;
  const sentence = ' The army had about 265,000 troops at the border, officials said.';
  const after = before.replace('Talks are due in Geneva.', `Talks are due in Geneva.${sentence}`).replace('The army had about 265,000 troops at the border, officials said.\n\n', '');
  assert.deepEqual(diffSummary(before, '265,000 troops', after), ['moved', 'diff', '265,000 troops']);
});

test('a sentence deleted across a span\'s end leaves its first words, however few', () => {
  const before = 'Aides met where the U.S. says Russia has massed troops, officials said.\n\nEnd.\n';
  const after = 'Aides met where the U.S.\n\nEnd.\n';
  assert.deepEqual(diffSummary(before, 'the U.S. says Russia has massed troops', after), ['edited', 'diff', 'the U.S.']);
});

test('a sentence replaced across a span\'s end, inside a sentence begun before the span, leaves its first words', () => {
  const before = 'Troops massed near Ukraine, where the U.S. says Russia has massed over 100,000 troops, with the implicit threat of force.\n\nEnd.\n';
  const after = 'Troops massed near Ukraine, where the U.S. Markets fell sharply on the news.\n\nEnd.\n';
  assert.deepEqual(diffSummary(before, 'the U.S. says Russia has massed over 100,000 troops', after), ['edited', 'diff', 'the U.S.']);
  // At a sentence's start the same few words may begin the new sentence: no sign of the span.
  const atStart = 'The West says Moscow has readied troops for an attack.\n\nEnd.\n';
  const replaced = 'The ministry did not respond to a request for comment.\n\nEnd.\n';
  assert.deepEqual(diffSummary(atStart, 'The West says Moscow has readied troops', replaced), ['orphaned', 'diff', 'The West says Moscow has readied troops']);
});

test('a sentence part replaced across a span\'s start, inside a sentence that goes on after the span, leaves its last words', () => {
  const before = 'Officials in Kyiv said the talks had been planned for months, diplomats say in Geneva.\n\nEnd.\n';
  const after = 'Markets fell sharply on the news, diplomats say in Geneva.\n\nEnd.\n';
  assert.deepEqual(diffSummary(before, 'the talks had been planned for months, diplomats say', after), ['edited', 'diff', ', diplomats say']);
  // At a sentence's end the same few words may end the new sentence: no sign of the span.
  const atEnd = before.replace(' in Geneva', '');
  const replaced = after.replace(' in Geneva', '');
  assert.deepEqual(diffSummary(atEnd, 'the talks had been planned for months, diplomats say.', replaced), ['orphaned', 'diff', 'the talks had been planned for months, diplomats say.']);
});

test('a word left of a passage deleted among other edits is no sign that the passage is still there', () => {
  const before =
    'Intro.\n\nThe tough demands appear certain to be rejected by the allies. The alliance warned that any security talks with Moscow would need to involve Ukraine.\n\nThe publication of the pacts came amid soaring tensions over a buildup.\n\nEnd.\n';
  const after = 'Intro.\n\nThe talks are expected to last several days.\n\nEnd.\n';
  assert.deepEqual(diffSummary(before, 'The tough demands appear certain to be rejected', after), ['orphaned', 'diff', 'The tough demands appear certain to be rejected']);
});

test('a span rewritten but for a few small words is orphaned, not edited', () => {
  const after = ARTICLE.replace('The army had about 265,000 troops at the border', 'Few believed the figures given at the talks');
  const { result } = diffOne(ARTICLE, 'The army had about 265,000 troops at the border', after);
  assert.deepEqual([result.outcome, result.method], ['orphaned', 'diff']);
});

test('offsets stay code points: emoji before and inside the span', () => {
  const before = 'Go 🚀 now.\n\nShe said “lift-off 🎉 soon” today.\n';
  const after = 'New 🛰️ line.\n\n' + before.replace('soon', 'now');
  const index = new OffsetIndex(after);
  const [result] = reanchor([annotate(before, '“lift-off 🎉 soon”')], index, { previousText: before });
  assert.deepEqual(summary(result!), ['edited', 'diff', '“lift-off 🎉 now”']);
  assert.ok(holds(result!.annotation, index));
});

test('annotations that do not hold on the previous text, and orphans, are searched for', () => {
  const before = annotate(ARTICLE, 'about 265,000 troops');
  const after = 'Note.\n\n' + ARTICLE;
  const index = new OffsetIndex(after);
  const results = reanchor([{ ...before, start: 0, end: 20 }, { ...before, id: 'b', status: 'orphaned' }], index, { previousText: ARTICLE });
  assert.deepEqual(
    results.map((r) => [r.outcome, r.method]),
    [
      ['moved', 'search'],
      ['moved', 'search'],
    ],
  );
});

test('the seed fixtures give the expected outcomes through the diff too', () => {
  const cases = JSON.parse(readFileSync(fixturePath('anchoring', 'expected.json'), 'utf8')) as Record<
    string,
    { document: string; annotations?: string; outcomes: Record<string, { outcome: string; text?: string }> }
  >;
  for (const [name, expected] of Object.entries(cases)) {
    const annotations = JSON.parse(readFileSync(fixturePath('anchoring', expected.annotations ?? 'article.annotations.json'), 'utf8')) as Annotation[];
    const previousText = normalizeText(readFileSync(fixturePath('anchoring', expected.annotations ? 'emoji.txt' : 'article.txt'), 'utf8'));
    const index = new OffsetIndex(normalizeText(readFileSync(fixturePath('anchoring', expected.document), 'utf8')));
    reanchor(annotations, index, { previousText }).forEach((result, i) => {
      const want = expected.outcomes[annotations[i]!.id]!;
      assert.equal(result.outcome, want.outcome, `${name} ${annotations[i]!.id}: outcome`);
      if (result.outcome === 'orphaned') return;
      assert.notEqual(result.method, 'search', `${name} ${annotations[i]!.id}: placed without searching`);
      const text = want.text ?? annotations[i]!.text;
      assert.equal(result.annotation.text, text, `${name} ${annotations[i]!.id}: text`);
      assert.equal(result.annotation.start, index.toCodePoint(index.text.indexOf(text)), `${name} ${annotations[i]!.id}: start`);
    });
  }
});

test('DiffMap: identical texts have no hunks; hunks are words inside changed lines', () => {
  assert.deepEqual(DiffMap.between(ARTICLE, ARTICLE)!.hunks, []);
  const after = ARTICLE.replace('about', 'roughly');
  const [hunk, ...rest] = DiffMap.between(ARTICLE, after)!.hunks;
  assert.equal(rest.length, 0);
  assert.equal(ARTICLE.slice(hunk!.oldStart, hunk!.oldEnd), 'about');
  assert.equal(after.slice(hunk!.newStart, hunk!.newEnd), 'roughly');
});

test('diff-first: a quote mark restyled next to a replaced or deleted first word stays outside the span', () => {
  const before = 'He warned of “severe consequences” if Russia moved.\n';
  const replaced = diffOne(before, 'severe consequences', 'He warned of "reportedly consequences" if Russia moved.\n');
  assert.deepEqual(summary(replaced.result), ['edited', 'diff', 'reportedly consequences']);
  assert.equal(replaced.result.annotation.start, 14);
  const deleted = diffOne(before, 'severe consequences', 'He warned of "consequences" if Russia moved.\n');
  assert.deepEqual(summary(deleted.result), ['edited', 'diff', 'consequences']);
  assert.equal(deleted.result.annotation.start, 14);
});

test('diff-first: a sentence inserted before a span that starts with the same word stays outside it', () => {
  const before = 'Talks ended. The US is willing to discuss them.\n';
  const after = 'Talks ended. The ministry did not respond to a request for comment. The US is willing to discuss them.\n';
  const { result } = diffOne(before, 'The US is willing', after);
  assert.deepEqual(summary(result), ['moved', 'diff', 'The US is willing']);
  assert.equal(result.annotation.start, after.indexOf('The US'));
});

test('diff-first: a sentence replaced across a span end gives the span no cut of the new sentence', () => {
  const kept = 'The documents, which were submitted to the U.S and its allies earlier this week, also call for a ban on sending U.S. ';
  const before = `${kept}and Russian warships and aircraft to areas from where they can strike each other’s territory and demand a rollback on drills.\n`;
  const after = `${kept}The ministry did not respond to a request for comment.\n`;
  const { result } = diffOne(before, `${kept}and Russian warships and aircraft to areas`, after);
  assert.equal(result.outcome, 'edited');
  assert.ok(
    [kept, `${kept}The ministry did not respond to a request for comment`].includes(result.annotation.text),
    `placed on "${result.annotation.text}"`,
  );
});

test('diff-first: a span whose end a replaced sentence overran keeps its untouched words', () => {
  const before = 'We are prepared to discuss them. That said, there are some things in this document that the Russians know will be unacceptable, the official said.\n';
  const after = 'We are prepared to discuss them. This story has been updated with new details.\n';
  const { result } = diffOne(before, 'We are prepared to discuss them. That said, there are some things in this document that the Russians know', after);
  assert.deepEqual(summary(result), ['edited', 'diff', 'We are prepared to discuss them.']);
});

test('diff-first: a span whose last word was deleted keeps the words left, however few', () => {
  const before = 'He warned of “severe consequences” if Russia moved.\n';
  const { result } = diffOne(before, 'severe consequences', 'He warned of “severe” if Russia moved.\n');
  assert.deepEqual(summary(result), ['edited', 'diff', 'severe']);
});

test('diff-first: a sentence appended to a paragraph that ends like it stays outside a span ending there', () => {
  const before = 'Russia asked that limits on troops be put in place.\nThe documents were sent.\n';
  const after = 'Russia asked that limits on troops be put in place. It was not clear when the meeting would take place.\nThe documents were sent.\n';
  const { result } = diffOne(before, 'Russia asked that limits on troops be put in place', after);
  assert.equal(result.annotation.text, 'Russia asked that limits on troops be put in place');
  assert.equal(result.annotation.start, 0);
});

test('diff-first: a last word deleted next to a restyled dash leaves the new dash outside the span', () => {
  const before = 'It would roll back deployments in Central and Eastern Europe — bold demands.\n';
  const after = 'It would roll back deployments in Central and Eastern -- bold demands.\n';
  const { result } = diffOne(before, 'Central and Eastern Europe', after);
  assert.equal(result.outcome, 'edited');
  assert.equal(result.annotation.text.trimEnd(), 'Central and Eastern');
});

test('diff-first: a span after deleted passages is not cut where the diff threads them on its own first words', () => {
  const before =
    'Drills went on near Russia.\nThe tough demands appear certain to be rejected, and any security talks with Moscow would need to involve Ukraine.\n' +
    'The publication comes amid soaring tensions that has drawn fears of an invasion. Moscow has denied plans to attack its neighbor, but demanded guarantees.\n';
  const after = 'Drills went on near Russia.\nMoscow has denied plans to attack its neighbor, but demanded guarantees.\n';
  const { result } = diffOne(before, 'Moscow has denied plans to attack its neighbor', after);
  assert.deepEqual(summary(result), ['moved', 'diff', 'Moscow has denied plans to attack its neighbor']);
  assert.equal(result.annotation.start, after.indexOf('Moscow has'));
});

test('diff-first: a paragraph replaced above a span whose first words were deleted does not join the span', () => {
  const before =
    'MOSCOW — Russia published draft pacts demanding NATO deny membership to Ukraine, bold demands that its allies rejected.\n' +
    'The documents, which were submitted to the U.S. this week, also call for a ban on sending U.S. and Russian warships to areas near each other.\n';
  const after = 'The statement came hours after a phone call between the two leaders, the first in weeks.\nand Russian warships to areas near each other.\n';
  const { result } = diffOne(before, 'The documents, which were submitted to the U.S. this week, also call for a ban on sending U.S. and Russian warships', after);
  assert.deepEqual(summary(result), ['edited', 'diff', 'and Russian warships']);
});

test('diff-first: a paragraph pasted before a span whose first word was replaced stays outside it', () => {
  const between = 'Officials met.\nNo date was set.\n';
  const moved = 'Ukrainian soldiers keep watch on the frontline, not far from Avdiivka.\n';
  const before = `Talks are planned.\nThe documents, which were submitted this week, also call for a ban on warships.\n${between}${moved}`;
  const after = `Talks are planned.\n${moved}nearly documents, which were submitted this week, also call for a ban on warships.\n${between}`;
  const { result } = diffOne(before, 'The documents, which were submitted this week', after);
  assert.deepEqual(summary(result), ['edited', 'diff', 'nearly documents, which were submitted this week']);
});

test('diff-first: a last word replaced and a paragraph inserted after its sentence stay two edits', () => {
  const before = 'The tough demands appear certain to be rejected, as Russia has no say in NATO’s enlargement.\n\nTalks may begin soon.\n';
  const after =
    'The tough demands appear certain to be rejected, as Russia has no say in NATO’s formally.\n\nReporting by the Moscow and Washington bureaus; editing by the desk in London.\n\nTalks may begin soon.\n';
  const { result } = diffOne(before, 'The tough demands appear certain to be rejected, as Russia has no say in NATO’s enlargement', after);
  assert.deepEqual(summary(result), ['edited', 'diff', 'The tough demands appear certain to be rejected, as Russia has no say in NATO’s formally']);
});

test('diff-first: a paragraph copied right above a changed line leaves spans on the original, the line paired with its new version', () => {
  const documents = 'The documents also call for a ban on sending warships to areas near each other.\n';
  const before = `Russia sets out terms.\nMOSCOW — Russia on Friday published draft security pacts.\n${documents}Talks may begin soon.\n`;
  const after = `Russia sets out terms.\n${documents}\nMOSCOW -- Russia on Friday published draft security pacts.\n${documents}Talks may begin soon.\n`;
  // Myers matched the old paragraph with the copy, deleting the restyled line and inserting it below: a
  // diff of lines as short as the copy inserted above it, but one that rewrites that line's every word.
  const { result } = diffOne(before, 'The documents also call for a ban', after);
  assert.deepEqual(summary(result), ['moved', 'diff', 'The documents also call for a ban']);
  assert.equal(result.annotation.start, after.lastIndexOf('The documents'));
});

test('diff-first: a paragraph copied right below a changed line leaves spans on the original', () => {
  const documents = 'The documents also call for a ban on sending warships to areas near each other.\n';
  const before = `Russia sets out terms.\n${documents}MOSCOW — Russia on Friday published draft security pacts.\nTalks may begin soon.\n`;
  const after = `Russia sets out terms.\n${documents}MOSCOW -- Russia on Friday published draft security pacts.\n${documents}Talks may begin soon.\n`;
  const { result } = diffOne(before, 'The documents also call for a ban', after);
  assert.deepEqual(summary(result), ['held', 'held', 'The documents also call for a ban']);
});

test('diff-first: a paragraph copied next to a deleted line is no place to choose: orphaned', () => {
  const documents = 'The documents also call for a ban on sending warships to areas near each other.\n';
  const before = `Russia sets out terms.\nMOSCOW — Russia on Friday published draft security pacts.\n${documents}Talks may begin soon.\n`;
  const after = `Russia sets out terms.\n${documents}${documents}Talks may begin soon.\n`;
  // The line deleted and the copy pasted above the paragraph or below it: the same edits, word for word.
  const { result } = diffOne(before, 'The documents also call for a ban', after);
  assert.deepEqual([result.outcome, result.method, result.ambiguous], ['orphaned', 'diff', true]);
});

test('diff-first: a paragraph copied far from the original, with other lines between, leaves spans on the original', () => {
  const documents = 'The documents also call for a ban on sending warships to areas near each other.\n';
  const before = `Russia sets out terms.\nMOSCOW — Russia on Friday published draft security pacts.\n${documents}Talks may begin soon.\n`;
  const after = `Russia sets out terms.\n${documents}\nMOSCOW — Russia on Friday published draft security pacts.\n${documents}Talks may begin soon.\n`;
  const { result } = diffOne(before, 'The documents also call for a ban', after);
  assert.deepEqual(summary(result), ['moved', 'diff', 'The documents also call for a ban']);
  assert.equal(result.annotation.start, after.lastIndexOf('The documents'));
});

test('diff-first: a first word replaced by two words within the sentence takes both: either reading is true', () => {
  const before = 'On Friday Russia published a list of sweeping new security guarantees.\n';
  const after = 'On Friday formally allied published a list of sweeping new security guarantees.\n';
  // "formally " inserted before the span and "Russia" → "allied", or "Russia" → "formally allied": the same text.
  assert.deepEqual(diffSummary(before, 'Russia published a list of sweeping new security guarantees', after), [
    'edited',
    'diff',
    'formally allied published a list of sweeping new security guarantees',
  ]);
  // At the span's end: "Russia" → "allied" and " again" inserted after it, or "Russia" → "allied again".
  assert.deepEqual(diffSummary('Talks began with Russia.\n', 'Talks began with Russia', 'Talks began with allied again.\n'), [
    'edited',
    'diff',
    'Talks began with allied again',
  ]);
  const oneForOne = diffOne(before, 'Russia published a list', before.replace('Russia', 'Moscow'));
  assert.deepEqual(summary(oneForOne.result), ['edited', 'diff', 'Moscow published a list']);
});

test('diff-first: a word inserted before a span’s last word, then that word replaced, is inside it, though the diff puts it past the space', () => {
  const before = 'Officials met in Geneva with Russia published terms.\n';
  // "formally " inserted before "Russia" and "Russia" → "allied": Myers gives "Russia" → "formally" and "allied " after the space.
  const after = 'Officials met in Geneva with formally allied published terms.\n';
  assert.deepEqual(diffSummary(before, 'Officials met in Geneva with Russia', after), ['edited', 'diff', 'Officials met in Geneva with formally allied']);
  // Not past a sentence's end, nor past punctuation that stood after the span.
  assert.deepEqual(diffSummary(before, 'Officials met in Geneva with Russia', 'Officials met in Geneva with formally markets fell. published terms.\n'), [
    'edited',
    'diff',
    'Officials met in Geneva with formally',
  ]);
  assert.deepEqual(diffSummary('Talks in Geneva with Russia, then terms.\n', 'Talks in Geneva with Russia', 'Talks in Geneva with allied, again then terms.\n'), [
    'edited',
    'diff',
    'Talks in Geneva with allied',
  ]);
});

test('diff-first: a first word replaced by a sentence and a word begins after the sentence: a span does not begin inside another sentence', () => {
  const before = 'On Friday. Russia published a list of sweeping new security guarantees.\n';
  const after = 'On Friday. Markets fell. Allied published a list of sweeping new security guarantees.\n';
  // "Markets fell. " inserted before the span and "Russia" → "Allied"; read as "Russia" → "Markets fell. Allied",
  // the span would begin with a sentence that is not its own.
  const { result } = diffOne(before, 'Russia published a list of sweeping new security guarantees', after);
  assert.deepEqual([result.outcome, result.method, result.annotation.text], ['edited', 'diff', 'Allied published a list of sweeping new security guarantees']);
  // The first word deleted, the sentence put before the opening quote mark the diff took along: the mark stays outside.
  const said = 'We are prepared to discuss them. That said, there are some things in this document that the Russians know will be unacceptable';
  const marked = diffOne(
    `He was not enthusiastic about the proposals.\n\n“${said},” the official said.\n`,
    said,
    `He was not enthusiastic about the proposals.\n\nA separate account also mentioned it, without giving a source. “${said.slice('We '.length)},” the official said.\n`,
  );
  assert.deepEqual([marked.result.outcome, marked.result.annotation.text], ['edited', said.slice('We '.length)]);
});

test('diff-first: the sentence before a span replaced and its first word deleted: the span begins after the new sentence', () => {
  // Scenario 11303: Myers replaces `… Peninsula. It` with `It was … place.`, taking the span's deleted `It` for the new sentence's.
  const before = 'Fighting began after Russia’s 2014 annexation of the Crimean Peninsula. It has killed more than 14,000 people.\n';
  const after = 'It was not immediately clear when the meeting would take place. has killed more than 14,000 people.\n';
  assert.deepEqual(diffSummary(before, 'It has killed more than 14,000 people', after), ['edited', 'diff', 'has killed more than 14,000 people']);
});

test('diff-first: a paragraph pasted before a span whose first sentence was then replaced stays outside it', () => {
  // Scenario 12321: the two edits meet in one hunk, whose new text holds a line break the old text had not.
  const quote = 'The tough demands appear certain to be rejected by the U.S. and its allies, which have emphasized their own say';
  const before = `Intro.\n${quote}.\n`;
  const after = `Intro.\nReporting by the Moscow and Washington bureaus; editing by the desk in London.\n\nOfficials declined to comment further. and its allies, which have emphasized their own say.\n`;
  assert.deepEqual(diffSummary(before, quote, after), ['edited', 'diff', 'Officials declined to comment further. and its allies, which have emphasized their own say']);
});

test('diff-first: a paragraph pasted before a span whose first sentence was deleted: the first word Myers kept is the paragraph\'s', () => {
  // Scenario 24561: `The documents, … U.S. and Russian …` → `The statement … weeks.\n\nand Russian …`, Myers keeping `The`.
  const rest = 'and Russian warships and aircraft to areas from where they can strike each other’s territory';
  const quote = `The documents, which were submitted to the allies earlier this week, call for a ban on sending U.S. ${rest}`;
  const before = `Intro.\n${quote}.\n`;
  const after = `Intro.\nThe statement came hours after a phone call between the two leaders, the first in weeks.\n\n${rest}.\n`;
  assert.deepEqual(diffSummary(before, quote, after), ['edited', 'diff', rest]);
});

test('diff-first: a sentence deleted before a span that begins with the sentence\'s first word leaves the span that word', () => {
  // Scenario 22391: `President Vladimir … with U.S. ` deleted and `😀 ` inserted after `President`; Myers replaced
  // `Vladimir … U.S. President` by `😀`, which took the span's own `President` away.
  const before = 'Intro.\nPresident Vladimir Putin raised the demand in a video call with U.S. President Joe Biden. During the call, he spoke.\n';
  const after = 'Intro.\nPresident 😀 Joe Biden. During the call, he spoke.\n';
  assert.deepEqual(diffSummary(before, 'President Joe Biden', after), ['edited', 'diff', 'President 😀 Joe Biden']);
});

test('diff-first: a sentence inserted before a span whose first words were edited: the span begins after the sentence', () => {
  const quote = 'The tough demands appear certain to be rejected by the allies';
  const before = `Ryabkov spoke on Friday.\n${quote}, officials said.\n`;
  // "tough" deleted and a sentence inserted before the span: Myers may take the span's "The" as the sentence's first word.
  const deleted = diffOne(before, quote, 'Ryabkov spoke on Friday.\nEarlier reports had spoken of it as well. The demands appear certain to be rejected by the allies, officials said.\n');
  assert.deepEqual(summary(deleted.result), ['edited', 'diff', 'The demands appear certain to be rejected by the allies']);
  // The first word deleted and a sentence inserted before the quote mark: Myers replaces `“We ` whole.
  const said = 'We are prepared to discuss them. That said, there are some things in this document that the Russians know will be unacceptable';
  const marked = diffOne(
    `He was not enthusiastic about the proposals.\n\n“${said},” the official said.\n`,
    said,
    `He was not enthusiastic about the proposals.\n\nA separate account also mentioned it, without giving a source. “${said.slice('We '.length)},” the official said.\n`,
  );
  assert.deepEqual(summary(marked.result), ['edited', 'diff', said.slice('We '.length)]);
  // Scenario 2511: the first word replaced and a sentence inserted across the line break before it. Myers keeps
  // the span's "The" as the sentence's; read so, the span would begin with a word whose sentence ends before the rest.
  const replaced = diffOne(before, quote, `Ryabkov spoke on Friday. The ministry did not respond to a request for comment.\nofficially tough demands appear certain to be rejected by the allies, officials said.\n`);
  assert.deepEqual(summary(replaced.result), ['edited', 'diff', 'officially tough demands appear certain to be rejected by the allies']);
});

/** Diff-first on the first annotation of generated scenario `n` whose text begins with `begins`, and its known answer. */
function scenarioSpan(n: number, begins: string): { result: AnchorResult; truth: Truth; newText: string } {
  const seeds = loadSeeds(path.join(REPO_ROOT, 'seeds'));
  const scenario = generateScenario(seeds[n % seeds.length]!, n);
  const i = scenario.annotations.findIndex((a) => a.text.startsWith(begins));
  const [result] = reanchor([scenario.annotations[i]!], new OffsetIndex(scenario.newText), { previousText: scenario.oldText });
  return { result: result!, truth: scenario.truths[i]!, newText: scenario.newText };
}

/** The verdict on diff-first's placement of the span beginning `begins` in each scenario, as `n begins: verdict`. */
function scenarioVerdicts(cases: readonly (readonly [number, string, ...string[]])[]): string[] {
  return cases.map(([n, begins]) => {
    const { result, truth, newText } = scenarioSpan(n, begins);
    const placement = result.annotation.status === 'orphaned' ? null : { start: result.annotation.start, end: result.annotation.end, text: result.annotation.text };
    return `${n} ${begins}: ${classify(truth, placement, [...newText])}`;
  });
}

test('diff-first: a span on one line does not run over a line break the diff inserted into mostly inserted text', () => {
  // Scenario 41596: the span's last sentence replaced, a paragraph pasted after it; Myers threaded the
  // replaced words on `’s ` and `drills near Russia` of the pasted paragraph, and the span ran into it.
  assert.deepEqual(scenarioVerdicts([[41596, 'The documents, which were submitted']]), ['41596 The documents, which were submitted: edited-correctly']);
  // Scenario 88641, at the start: a sentence appended to the paragraph before the span, the span's first
  // sentence replaced; one change across the break, and the span began in the paragraph before.
  assert.deepEqual(scenarioVerdicts([[88641, 'Ryabkov told reporters']]), ['88641 Ryabkov told reporters: edited-correctly']);
  // A paragraph split inside a span keeps the span whole: what follows the break is its own text.
  const split = diffOne('Intro.\nHe said a quote runs here and goes on to the end of it, officials said.\n', 'quote runs here and goes on to the end of it', 'Intro.\nHe said a quote runs here\nand goes on to the end of it, officials said.\n');
  assert.deepEqual(summary(split.result), ['edited', 'diff', 'quote runs here\nand goes on to the end of it']);
});

test('diff-first: a deleted paragraph is peeled off the edit of the paragraph beside it', () => {
  // 60861: a paragraph's last sentence replaced and the next paragraph deleted; 69001: a paragraph
  // deleted and the next one's first word replaced. Diffed as one run, the replacement was threaded on
  // words of the deleted paragraph: the span ended inside the new sentence, or lost `The `.
  const cases: [number, string, string][] = [
    [60861, 'The documents, which were submitted', 'edited-correctly'],
    [69001, 'The tough demands', 'edited-correctly'],
  ];
  assert.deepEqual(scenarioVerdicts(cases), cases.map(([n, begins, verdict]) => `${n} ${begins}: ${verdict}`));
});

test('diff-first: a paragraph copied above its neighbour, the original then edited, keeps its spans when Myers moved the neighbour', () => {
  // Myers matched the original paragraph with the copy and moved its neighbour below it; kept in place,
  // the copy is inserted and the original edited. 39551: more than a third of the original's words
  // replaced (the span's sentence: gone). 50646: a word inserted in the original, the paragraph after
  // it rewritten (Myers changed it anyway). 44031: the neighbour edited as well (a sentence inserted).
  const cases: [number, string, string][] = [
    [39551, 'Moscow has denied plans', 'orphaned-rightly'],
    [50646, 'Ryabkov told reporters', 'edited-correctly'],
    [44031, 'The tough demands', 'edited-correctly'],
    [44031, 'The alliance’s secretary-general', 'exact'],
    // 87224: a paragraph pasted before the span's, which Myers paired with it as a rewrite, its edited
    // version inserted after: the span was placed on words of the pasted paragraph.
    [87224, 'the U.S. says Russia', 'edited-correctly'],
    // 93826: two neighbour lines moved below the copy, the first of them edited, and the original
    // edited too, so that the copy was the exact one: the span untouched in the original stays there.
    [93826, 'Moscow has denied plans', 'exact'],
  ];
  assert.deepEqual(scenarioVerdicts(cases), cases.map(([n, begins, verdict]) => `${n} ${begins}: ${verdict}`));
});

test('diff-first: a paragraph moved away is peeled off the edit of the next one, whose spans keep their words', () => {
  // Scenario 50941: the paragraph moved down, the next one's first sentence then replaced; diffed with it,
  // the replacement was threaded on `Moscow ` and `has ` of the moved paragraph, and the span lost them.
  const paragraph =
    'The tough demands appear certain to be rejected by the U.S. and its allies, which have emphasized that Russia doesn’t have a say in NATO’s enlargement. The alliance’s secretary-general warned that any security talks with Moscow would need to take into account NATO concerns.';
  const before = `Intro.\n${paragraph}\nThe publication of the draft pacts comes amid tensions over a troop buildup that has drawn fears of an invasion. Moscow has denied plans to attack its neighbor, but demanded guarantees.\nEnd of the story here.\n`;
  const after = `Intro.\nOfficials declined to comment further. Moscow has denied plans to attack its neighbor, but demanded guarantees.\nEnd of the story here.\n${paragraph}\n`;
  assert.deepEqual(diffSummary(before, 'Moscow has denied plans to attack its neighbor', after), ['moved', 'diff', 'Moscow has denied plans to attack its neighbor']);
  assert.deepEqual(diffSummary(before, 'The tough demands appear certain', after), ['moved', 'diff', 'The tough demands appear certain']);
  // Copied there instead, the original and the next paragraph edited in place: no move, the span is edited where it stood.
  const copied = `Intro.\n${paragraph.replace('The tough demands', 'The harsh demands')}\nThe publication of the draft pacts came amid tensions over a troop buildup that has drawn fears of an invasion. Moscow has denied plans to attack its neighbor, but demanded guarantees.\nEnd of the story here.\n${paragraph}\n`;
  const { result } = diffOne(before, 'The tough demands appear certain', copied);
  assert.deepEqual([...summary(result), result.annotation.start], ['edited', 'diff', 'The harsh demands appear certain', copied.indexOf('The harsh')]);
});

test('diff-first: a span mostly rewritten by the diff whose whole text stands once elsewhere, its surroundings with it, follows it there', () => {
  // Scenario 598: "If there is any further aggression, officials warned, it will carry a high price." pasted
  // as a paragraph above the quote's, "Kremlin " inserted before the quote; Myers aligned the quote with
  // the pasted paragraph (half its text kept) while the quote stands intact, once, below.
  const { result, truth } = scenarioSpan(598, 'If there is any further aggression against Ukraine');
  assert.equal(truth.kind, 'intact');
  assert.deepEqual([result.outcome, result.annotation.start, result.annotation.end], ['moved', truth.start, truth.end], `placed on ${JSON.stringify(result.annotation.text)}`);
});

test('diff-first: a span edited in its paragraph, which stayed in place, is edited there, though a copy elsewhere holds its old text', () => {
  // Scenario 6772: the paragraph copied above, then a word of the span replaced in the original.
  const paragraph = 'Russia has massed about 100,000 troops near the border, officials said on Friday.';
  const before = `Intro.\n\n${paragraph}\n\nEnd.\n`;
  const after = `${paragraph}\n\nIntro.\n\n${paragraph.replace('100,000', 'officially')}\n\nEnd.\n`;
  const { result } = diffOne(before, '100,000 troops', after);
  assert.deepEqual(summary(result), ['edited', 'diff', 'officially troops']);
  assert.equal(result.annotation.start, after.lastIndexOf('officially troops'));
});

test('diff-first: a span whose paragraph left its place and whose whole text stands once elsewhere, its neighbours with it, follows it there', () => {
  const quote = 'If there is any further aggression against Ukraine, that will have massive consequences';
  const lead = 'We are prepared to discuss them, the official told reporters.';
  const before = `Intro.\n\n${lead} “${quote}.”\n\nEnd.\n`;
  // A paraphrase pasted where the paragraph was draws Myers onto it; the paragraph itself moved down.
  const after = `Intro.\n\nIf there is any further aggression, officials warned, it will carry consequences.\n\nEnd.\n\n${lead} “${quote}.”\n`;
  const { result } = diffOne(before, quote, after);
  assert.deepEqual([result.outcome, result.annotation.start], ['moved', after.indexOf(quote)]);
});

test('diff-first: a paragraph copied above its neighbour, the original then edited, keeps its spans on the original', () => {
  // Scenario 15616: as few line edits as the neighbour moved below the copy, which Myers chose; by words, far more.
  const neighbour = 'The documents, which were submitted to the allies earlier this week, also call for a ban on sending warships to areas from where they can strike each other.';
  const first = 'The tough demands appear certain to be rejected by the U.S. and its allies, which have emphasized that Russia has no say.';
  const second = 'The alliance warned that any security talks with Moscow would need to take into account its concerns and involve Ukraine.';
  const before = `Intro.\n${neighbour}\n${first}\n${second}\nEnd.\n`;
  const after = `Intro.\n${first}\n${second}\n\n${neighbour}\n${first}\n${second.replace('talks with', 'talks nearly with')}\nEnd.\n`;
  const { result } = diffOne(before, 'The tough demands', after);
  assert.deepEqual([...summary(result), result.annotation.start], ['moved', 'diff', 'The tough demands', after.lastIndexOf('The tough demands')]);
  const edited = diffOne(before, second, after).result;
  assert.deepEqual([...summary(edited), edited.annotation.start], ['edited', 'diff', second.replace('talks with', 'talks nearly with'), after.lastIndexOf('The alliance')]);
});

test('diff-first: two neighbour lines kept in place though one was edited, a paragraph copied above them and its original edited', () => {
  const first = 'The documents, which were submitted to the allies earlier this week, also call for a ban on sending warships.';
  const second = 'The tough demands appear certain to be rejected by the U.S. and its allies, which have emphasized their stance.';
  const copied = 'The publication of the pacts comes amid tensions. Moscow has denied plans to attack its neighbor, but demanded the West provide guarantees.';
  const before = `Intro.\n${first}\n${second}\n${copied}\nEnd.\n`;
  const after = `Intro.\n${copied}\n\n${first.replace('also call', 'also formally call')}\n${second}\n${copied.replace('provide', 'roughly')}\nEnd.\n`;
  const { result } = diffOne(before, 'Moscow has denied plans to attack its neighbor', after);
  assert.deepEqual([...summary(result), result.annotation.start], ['moved', 'diff', 'Moscow has denied plans to attack its neighbor', after.lastIndexOf('Moscow has denied')]);
  const edited = diffOne(before, first, after).result;
  assert.deepEqual(summary(edited), ['edited', 'diff', first.replace('also call', 'also formally call')]);
});

test('diff-first: a paragraph moved between two that begin alike follows its move: the same few characters after it are no copy', () => {
  // Scenario 10434: both places are followed by a picture's address that begins the same way.
  const moved = '“This is a bargaining position,” Andrey Kortunov, head of a council, told reporters.';
  const picture = (id: string) => `https://img.example.com/image.php?url=${id}`;
  const before = `One.\n\nIt is an opening gambit.\n\n${moved}\n\n${picture('3xFU7Y_0abc')}\n\nTwo.\n\nSpeaking on condition of anonymity.\n\n${picture('1D1D7B_0def')}\n\nEnd.\n`;
  const after = `One.\n\nIt is an opening gambit.\n\n${picture('3xFU7Y_0abc')}\n\nTwo.\n\nSpeaking on condition of anonymity.\n\n${moved}\n\n${picture('1D1D7B_0def')}\n\nEnd.\n`;
  const { result } = diffOne(before, 'Andrey Kortunov', after);
  assert.deepEqual([...summary(result), result.annotation.start], ['moved', 'diff', 'Andrey Kortunov', after.indexOf('Andrey Kortunov')]);
});

test('diff-first: an emoji inserted in a span does not split the stretch of words the span kept', () => {
  // Scenario 15356: the span's second half replaced, threaded on "the" and "talks"; the emoji is no edit of a
  // word, so the ten words kept before the replacement still show the span was edited, not rewritten.
  const quote = 'Ryabkov told reporters that Moscow proposed that the U.S. immediately start the talks on the proposed drafts in Geneva';
  const before = `Intro.\n${quote}.\n`;
  const after = 'Intro.\nRyabkov told reporters that 🕊️ Moscow proposed that the U.S. The talks are expected to last several days.\n';
  assert.deepEqual(diffSummary(before, quote, after), ['edited', 'diff', 'Ryabkov told reporters that 🕊️ Moscow proposed that the U.S. The talks are expected to last several days']);
});

test('diff-first: a span\'s last words replaced, and the next paragraph rewritten, ends before the line break', () => {
  // Scenario 31166: the replacement and the next paragraph's new first sentence meet in one hunk.
  const { result, truth, newText } = scenarioSpan(31166, 'Ryabkov told reporters that Moscow proposed');
  assert.equal(truth.kind, 'edited');
  assert.deepEqual([result.outcome, result.annotation.text], ['edited', [...newText].slice(truth.start, truth.end).join('')]);
});

test('diff-first: a word inserted before a span whose second word was deleted stays outside: the first word is kept', () => {
  // Scenario 35606: `The documents, which` → `also The, which`; Myers threaded `The` → `also`, `documents` → `The` on the space.
  const quote = 'The documents, which were submitted to the allies earlier this week, call for a ban';
  const before = `Intro.\n${quote}.\n`;
  const after = 'Intro.\nalso The, which were submitted to the allies earlier this week, call for a ban.\n';
  assert.deepEqual(diffSummary(before, quote, after), ['edited', 'diff', 'The, which were submitted to the allies earlier this week, call for a ban']);
});

test('diff-first: a word inserted before a span after a quote mark stays outside, not slid into the span\'s first word', () => {
  // Scenarios 12944 and 19567: `“We will` → `"Western We will`; sliding the insertion by the two letters
  // both words begin with made it `stern We`, inside the span.
  const before = 'He said: “We will not compromise on key principles,” he said.\n';
  for (const after of ['He said: "Western We will not compromise on key principles," he said.\n', 'He said: “Western We will not compromise on key principles,” he said.\n']) {
    const { result } = diffOne(before, 'We will not compromise', after);
    assert.deepEqual([...summary(result), result.annotation.start], ['moved', 'diff', 'We will not compromise', after.indexOf('We will')]);
  }
});

test('diff-first: a deletion after a possessive is not slid to begin inside it, at the letter after the apostrophe', () => {
  // Scenario 40031: ` enlargement. The alliance’s … partners` deleted could as well be `s enlargement. …
  // partner` (both end in `s`); `’|s` looked like a mark before a word, and the span lost its `s`.
  const before = 'Russia has no say in NATO’s enlargement. The alliance’s chief warned that talks would need to involve partners.\n';
  const after = 'Russia has no say in NATO’s.\n';
  assert.deepEqual(diffSummary(before, 'Russia has no say in NATO’s enlargement', after), ['edited', 'diff', 'Russia has no say in NATO’s']);
});

test('diff-first: a span\'s last words that the diff threaded into a rewrite nearby, standing right after it, stay in it', () => {
  // Scenario 46736: a sentence inserted before `immediately`, the next paragraph rewritten; Myers paired
  // the span's last words with the inserted sentence's on the spaces between them and "inserted" them again.
  const before =
    'Ryabkov told reporters that Moscow proposed that the U.S. immediately start the talks on the proposed drafts in Geneva.\nPresident Vladimir Putin raised the demand for security guarantees in last week’s video call with U.S. President Joe Biden. During the conversation, Biden voiced concern about a buildup of Russian troops near Ukraine and warned him that Russia would face “severe consequences” if Moscow attacked its neighbor.\n';
  const after =
    'Ryabkov told reporters that Moscow proposed that the U.S. It was not immediately clear when the meeting would take place. immediately start the talks on the proposed drafts in Geneva.\n“We will see,” a diplomat said when asked whether talks would begin before the new year.\n';
  const quote = 'Ryabkov told reporters that Moscow proposed that the U.S. immediately start the talks on the proposed drafts in Geneva';
  assert.deepEqual(diffSummary(before, quote, after), ['edited', 'diff', 'Ryabkov told reporters that Moscow proposed that the U.S. It was not immediately clear when the meeting would take place. immediately start the talks on the proposed drafts in Geneva']);
  // Scenario 48841: an emoji inserted before the last word, the next sentence deleted.
  const call = 'Putin raised the demand in last week’s video call with U.S. President Joe Biden. During the conversation, Biden voiced concern about a buildup of Russian troops near Ukraine.\n';
  assert.deepEqual(diffSummary(call, 'President Joe Biden', 'Putin raised the demand in last week’s video call with U.S. President Joe 🔥 Biden.\n'), ['edited', 'diff', 'President Joe 🔥 Biden']);
});

test('diff-first: words deleted at a span\'s end with the quote mark after it restyled leave the rest, and the mark stays outside', () => {
  // Scenario 9206: “severe consequences” → "severe": Myers deletes ` consequences”` and inserts `"` before it.
  const before = 'Biden warned him that Russia would face “severe consequences” if Moscow attacked.\n';
  const after = 'Biden warned him that Russia would face "severe" if Moscow attacked.\n';
  assert.deepEqual(diffSummary(before, 'severe consequences', after), ['edited', 'diff', 'severe']);
});

test('diff-first: a word inserted before a span that begins with that word stays outside it, though the diff puts it after', () => {
  // Scenario 108002: `Western ` inserted before `Western powers …`; Myers inserted it after the span's own
  // `Western `, inside the span, which then read `Western Western powers …`.
  const before = 'Intro.\nThe leaders agreed to talk, but Western powers have also stood firm on Ukraine.\nEnd.\n';
  const span = 'Western powers have also stood firm';
  const after = before.replace('but Western', 'but Western Western');
  const { result } = diffOne(before, span, after);
  assert.deepEqual([...summary(result), result.annotation.start], ['moved', 'diff', span, after.indexOf('Western Western') + 'Western '.length]);
  // At the end: `firm` inserted after a span that ends with it.
  const doubled = before.replace('stood firm', 'stood firm firm');
  const end = diffOne(before, span, doubled).result;
  assert.deepEqual([...summary(end), end.annotation.start], ['held', 'held', span, before.indexOf(span)]);
  assert.deepEqual(scenarioVerdicts([[108002, 'Western powers']]), ['108002 Western powers: exact']);
});

test('diff-first: a span\'s last word deleted and words inserted after the space it kept take its place', () => {
  // Scenario 107848: `neighbor` → `🕊️ officially`, diffed as the word deleted, the emoji inserted, the space
  // kept and `officially ` inserted after it: the span ended with its space, its last word lost.
  const before = 'Intro.\nMoscow has denied plans to attack its neighbor but demanded guarantees.\nEnd.\n';
  const after = before.replace('its neighbor but', 'its 🕊️ officially but');
  assert.deepEqual(diffSummary(before, 'Moscow has denied plans to attack its neighbor', after), ['edited', 'diff', 'Moscow has denied plans to attack its 🕊️ officially']);
  assert.deepEqual(scenarioVerdicts([[107848, 'Moscow has denied plans']]), ['107848 Moscow has denied plans: edited-correctly']);
});

test('diff-first: a text without a final line break diffs its last line like any other', () => {
  // Scenario 104961: the last paragraph deleted and the one before it copied above its neighbour. The new
  // last line lacked the break the old one had, so Myers matched the old paragraph with its copy instead.
  const neighbour = 'The draft pacts contain obligations to pull back weapons and refrain from drills near the borders.';
  const talks = 'Ryabkov told reporters that Moscow proposed that the U.S. immediately start the talks in Geneva.';
  const last = 'President Vladimir Putin raised the demand for security guarantees in last week’s video call.';
  const before = `Intro.\n${neighbour}\n${talks}\n${last}`;
  const after = `Intro.\n${talks}\n\n${neighbour}\n${talks}`;
  const { result } = diffOne(before, 'Ryabkov told reporters', after);
  assert.deepEqual([...summary(result), result.annotation.start], ['moved', 'diff', 'Ryabkov told reporters', after.lastIndexOf('Ryabkov')]);
  assert.deepEqual(scenarioVerdicts([[104961, 'Ryabkov told reporters']]), ['104961 Ryabkov told reporters: exact']);
  // Edits at the very end keep their place: the last words replaced, a sentence appended, the last line deleted.
  assert.deepEqual(diffSummary(before, 'last week’s video call', before.replace('video call.', 'phone call.')), ['edited', 'diff', 'last week’s phone call']);
  assert.deepEqual(diffSummary(before, 'last week’s video call', `${before} It lasted two hours.`), ['held', 'held', 'last week’s video call']);
  assert.deepEqual(diffSummary(before, 'immediately start the talks', before.slice(0, before.lastIndexOf('\n'))), ['held', 'held', 'immediately start the talks']);
  assert.deepEqual(diffSummary(before, 'last week’s video call', before.slice(0, before.lastIndexOf('\n'))), ['orphaned', 'diff', 'last week’s video call']);
});

test('diff-first: a paragraph moved or copied right above an edited one is inserted there, not the edited one rewritten into it', () => {
  // Scenario 80858: a photo caption holding `‘dangerous point` moved above the paragraph that quotes
  // `“dangerous point”`, whose quote marks were then restyled. Myers paired the old paragraph with the
  // caption and inserted its new version below: each annotation went to the other's words. 134718:
  // the caption copied there instead; the quoting paragraph's annotation went to the copy.
  const seeds = loadSeeds(path.join(REPO_ROOT, 'seeds'));
  for (const n of [80858, 134718]) {
    const scenario = generateScenario(seeds[n % seeds.length]!, n);
    const results = reanchor(scenario.annotations, new OffsetIndex(scenario.newText), { previousText: scenario.oldText });
    const both = scenario.annotations.flatMap((a, i) => (a.text === 'dangerous point' ? [[n, results[i]!.annotation.start, scenario.truths[i]!.start]] : []));
    assert.equal(both.length, 2);
    for (const [, placed, truth] of both) assert.equal(placed, truth, `scenario ${n}`);
  }
});

test('diff-first: a number replaced with its last word deleted ends the span on the new word, not on the comma after it', () => {
  // Scenario 149534: `over 100,000 troops, with` → `over roughly, with`. Split at its comma, `100,000`
  // lent the comma that Myers paired with the one after `troops`, and the span took `, ` as well.
  const before = 'Intro.\nThe U.S. says Russia has massed over 100,000 troops, with the implicit threat.\nEnd.\n';
  const after = before.replace('100,000 troops,', 'roughly,');
  assert.deepEqual(diffSummary(before, 'Russia has massed over 100,000 troops', after), ['edited', 'diff', 'Russia has massed over roughly']);
  assert.deepEqual(diffSummary(before, 'over 100,000 troops', before.replace('100,000', '100.000')), ['edited', 'diff', 'over 100.000 troops']);
  assert.deepEqual(scenarioVerdicts([[149534, 'the U.S. says Russia']]), ['149534 the U.S. says Russia: edited-correctly']);
});

test('diff-first: a rewritten sentence and a word inserted after its full stop stay two edits: the span ends at the stop', () => {
  // Scenario 134631: the span's last sentence replaced and `senior ` inserted before the next one. The
  // `. ` between them was taken as a thread inside one rewrite, and the span ran on over `senior `.
  const before = 'Intro.\nThe demands will be rejected by the U.S. and its allies, which say Russia has no say in NATO’s enlargement. The alliance’s chief warned.\n';
  const after = before
    .replace('and its allies, which say Russia has no say in NATO’s enlargement.', 'Analysts said the move was widely expected.')
    .replace('The alliance’s', 'senior The alliance’s');
  assert.deepEqual(diffSummary(before, 'The demands will be rejected by the U.S. and its allies, which say Russia has no say in NATO’s enlargement.', after), [
    'edited',
    'diff',
    'The demands will be rejected by the U.S. Analysts said the move was widely expected.',
  ]);
  assert.deepEqual(scenarioVerdicts([[134631, 'The tough demands']]), ['134631 The tough demands: edited-correctly']);
});

test('diff-first: a paragraph deleted between two edited ones is deleted whole, not diffed against the edited span', () => {
  // Scenario 161301 (held out): a word replaced in the paragraph above, the paragraph between deleted,
  // a sentence inserted inside the span below. The deleted paragraph's words were diffed against the
  // span's line, threaded on `U.S.` and `Moscow`, and the span lost its first half.
  const above = 'Russia has backed the separatists in the east since 2014.';
  const between = 'The draft pacts — a Russia-U.S. security treaty and an agreement between Moscow and NATO — contain obligations to pull back weapons.';
  const span = 'Ryabkov told reporters that Moscow proposed that the U.S. immediately start the talks in Geneva';
  const before = `Intro.\n${above}\n${between}\n${span}.\nEnd.\n`;
  const after = `Intro.\n${above.replace('separatists', 'allied')}\n${span.replace('U.S. ', 'U.S. It was not immediately clear when. ')}.\nEnd.\n`;
  assert.deepEqual(diffSummary(before, span, after), ['edited', 'diff', span.replace('U.S. ', 'U.S. It was not immediately clear when. ')]);
  assert.deepEqual(scenarioVerdicts([[161301, 'Ryabkov told reporters']]), ['161301 Ryabkov told reporters: edited-correctly']);
});

test('diff-first: a span whose kept first word stands again after a sentence inserted inside it begins there', () => {
  // Scenario 195711 (held out): a sentence inserted before the span, `🇺🇦 ` after its first word. Myers kept
  // `The ` as the new sentence's and inserted the rest after it: the span began with the new sentence.
  const span = 'The tough demands appear certain to be rejected by the U.S. and its allies';
  const before = `Intro.\nDrills near Russia.\n${span}.\nEnd.\n`;
  const after = before.replace('The tough', 'The ministry did not respond to a request for comment. The 🇺🇦 tough');
  assert.deepEqual(diffSummary(before, span, after), ['edited', 'diff', span.replace('The ', 'The 🇺🇦 ')]);
  assert.deepEqual(scenarioVerdicts([[195711, 'The tough demands']]), ['195711 The tough demands: edited-correctly']);
});

test('diff-first: a span whose first word went with a paragraph pasted above begins after the text that led it', () => {
  // Scenario 194246 (held out): the title copied above the dateline, the span's first word `Russia`
  // deleted. Myers kept `Russia` as the title's `Russia’s`, and the span began at the dateline `MOSCOW — `.
  const title = 'SIGNS: Russia Demands USA, NATO stay out Russia’s “Sphere of Influence”';
  const span = 'Russia on Friday published draft security pacts demanding NATO deny membership to Ukraine';
  const before = `${title}\nMOSCOW — ${span} and others.\nEnd.\n`;
  const after = before.replace('MOSCOW — Russia ', `${title}\n\nMOSCOW — `);
  assert.deepEqual(diffSummary(before, span, after), ['edited', 'diff', span.replace('Russia ', '')]);
  assert.deepEqual(scenarioVerdicts([[194246, 'Russia on Friday']]), ['194246 Russia on Friday: edited-correctly']);
});

test('diff-first: a paragraph copied above its neighbour, whose deletion Myers joined to an edit above, is still no move', () => {
  // Scenario 181166 (held out): dashes restyled in the dateline, the next paragraph copied above its
  // neighbour, the original edited. Myers joined the neighbour's deletion to the dateline's change, so
  // it was not seen as a move kept in place, and the annotations went to the copy.
  const neighbour = 'The documents, which were submitted to the U.S and its allies earlier this week, also call for a ban on sending U.S. and NATO forces to countries.';
  const copied = 'The tough demands appear certain to be rejected by the U.S. and its allies. The alliance’s secretary-general warned that any security talks with Moscow would need to take place.';
  const before = `Title — here\nMOSCOW — Russia on Friday published draft pacts — bold demands.\n${neighbour}\n${copied}\nEnd.\n`;
  const after = `Title -- here\nMOSCOW -- Russia on Friday published draft pacts -- bold demands.\n${copied}\n${neighbour}\n${copied.replace('The alliance’s', 'Markets fell sharply on the news. The alliance’s')}\nEnd.\n`;
  const quote = 'The alliance’s secretary-general warned';
  const { result } = diffOne(before, quote, after);
  assert.deepEqual([result.outcome, result.method, result.annotation.start], ['moved', 'diff', after.lastIndexOf(quote)]);
  assert.deepEqual(scenarioVerdicts([[181166, 'The tough demands'], [181166, 'The alliance’s']]), ['181166 The tough demands: edited-correctly', '181166 The alliance’s: exact']);
});

test('diff-first: the word after a span, deleted and put in again glued to an insertion at its end, stays outside', () => {
  // Scenario 136310: `Biden ` deleted and ` nearly` inserted where it stood, glued to `has`. Myers gives
  // `  nearlyhas` inserted and `Biden has ` deleted, and the span took in `has`.
  const before = 'Intro.\nUS President Joe Biden has warned Putin of sanctions.\nEnd.\n';
  const after = before.replace('Biden ', ' nearly');
  assert.equal(after.includes('Joe  nearlyhas warned'), true);
  assert.deepEqual(diffSummary(before, 'US President Joe Biden', after), ['edited', 'diff', 'US President Joe  nearly']);
  // A replacement of the span's last word and the word after it is the span's, whatever it ends with.
  assert.deepEqual(diffSummary(before, 'US President Joe Biden', before.replace('Biden has', 'Harris')), ['edited', 'diff', 'US President Joe Harris']);
  assert.deepEqual(scenarioVerdicts([[136310, 'US President Joe Biden']]), ['136310 US President Joe Biden: edited-correctly']);
});

test('diff-first: a span that began with a word begins with one again: a quote mark the edit before it took along stays outside', () => {
  // Scenario 203443 (held out): the sentence before the quote deleted and its first word replaced. Myers
  // made one change of `That said, … anonymity. “If` → `“again`, and the span began at the quote mark.
  const quote = 'If there is any further aggression against Ukraine, that will carry a high price';
  const before = `Intro.\n“We are prepared to discuss them. That said, some things in this document will be unacceptable,” the official told reporters. “${quote}.”\nEnd.\n`;
  const after = before.replace('That said, some things in this document will be unacceptable,” the official told reporters. “If', '“again');
  assert.deepEqual(diffSummary(before, quote, after), ['edited', 'diff', quote.replace('If', 'again')]);
  assert.deepEqual(scenarioVerdicts([[203443, 'If there is any']]), ['203443 If there is any: edited-correctly']);
});

test('diff-first: a word deleted before a span and put in again after an insertion, in place of its first word, is kept', () => {
  // Scenario 252940 (held out): an emoji inserted before `than`, the span's first word `$2.5` deleted.
  // Myers deleted `than` and inserted it again in place of `$2.5 `, and the span began with `than`.
  const before = 'Intro.\nWashington has committed more than $2.5 billion to bolster a military.\nEnd.\n';
  for (const after of [before.replace('more than $2.5 ', 'more 📈 than  '), before.replace('more than $2.5 ', 'more 📈 than ')]) {
    assert.deepEqual(diffSummary(before, '$2.5 billion', after), ['edited', 'diff', 'billion'], JSON.stringify(after));
  }
  // A span that began with a word begins with one again; one that began with a mark, with no white space.
  assert.deepEqual(diffSummary(before, '$2.5 billion', before.replace('$2.5 ', '$ 3 ')), ['edited', 'diff', '$ 3 billion']);
  assert.deepEqual(scenarioVerdicts([[252940, '$2.5 billion']]), ['252940 $2.5 billion: edited-correctly']);
});

test('diff-first: a paragraph copied above its neighbours, which were edited too, is no move of those neighbours', () => {
  // Scenario 256531 (held out): a sentence deleted in one paragraph, the paragraph two below it copied
  // above it, a word of the original replaced. Myers kept the copy as the original and moved the two
  // paragraphs between below it; the paragraph right above the original is unchanged, kept in place.
  const edited = 'The tough demands appear certain to be rejected by the U.S. and its allies. The alliance’s secretary-general warned that talks would need to involve Ukraine.';
  const kept = 'The publication of the draft pacts comes amid soaring tensions over a Russian troop buildup near Ukraine.';
  const copied = 'Deputy Foreign Minister Sergei Ryabkov said that relations with the U.S. have approached a dangerous point.';
  const before = `Title\n${edited}\n${kept}\n${copied}\nEnd.\n`;
  const after = `Title\n${copied}\n\n${edited.replace(/ The alliance’s.*/, '')}\n${kept}\n${copied.replace('Minister', 'roughly')}\nEnd.\n`;
  const { result } = diffOne(before, 'Deputy Foreign Minister Sergei Ryabkov', after);
  assert.deepEqual([...summary(result), result.annotation.start], ['edited', 'diff', 'Deputy Foreign roughly Sergei Ryabkov', after.lastIndexOf('Deputy')]);
  assert.deepEqual(summary(diffOne(before, 'The tough demands appear certain', after).result), ['moved', 'diff', 'The tough demands appear certain']);
  assert.deepEqual(
    scenarioVerdicts([[256531, 'Deputy Foreign Minister'], [256531, 'dangerous point'], [256531, 'unacceptable']]),
    ['256531 Deputy Foreign Minister: edited-correctly', '256531 dangerous point: exact', '256531 unacceptable: exact'],
  );
});

test('diff-first: a span of which the edits left only words a rewrite of its paragraph shares is not followed there', () => {
  // Scenario 275246 (held out): ` point` deleted from `dangerous point`, then the paragraph rewritten
  // into prose that mentions `dangerous`. Myers kept that word, between two rewrites, as the span's.
  const para = 'Deputy Foreign Minister Sergei Ryabkov said that Russia’s relations with the U.S. and its NATO allies have approached a “dangerous point,” noting that alliance deployments and drills near Russia have raised “unacceptable” threats to its security.';
  const before = `Moscow has denied plans to attack its neighbor.\n${para}\nUKRAINE-RUSSIA-CONFLICT\nUkrainian soldiers keep watch.\n`;
  const rewrite = 'If there is any further aggression, officials warned, it will carry a high price.\nA separate account also mentioned dangerous, without giving a source.';
  assert.deepEqual(summary(diffOne(before, 'dangerous point', before.replace(`${para}\n`, `${rewrite} `)).result).slice(0, 2), ['orphaned', 'diff']);
  // Its last word deleted, or the sentence before it rewritten, the rest of the paragraph in place: edited.
  assert.deepEqual(diffSummary(before, 'dangerous point', before.replace(' point,”', ',”')), ['edited', 'diff', 'dangerous']);
  const leadRewritten = before.replace(/Deputy Foreign .* “dangerous point,”/u, 'Officials said relations were “dangerous,”');
  assert.deepEqual(diffSummary(before, 'dangerous point', leadRewritten), ['edited', 'diff', 'dangerous']);
  assert.deepEqual(scenarioVerdicts([[275246, 'dangerous point']]), ['275246 dangerous point: orphaned-rightly']);
});

test('diff-first: a long paragraph copied above a short neighbour, the original edited, is no move of the neighbour', () => {
  // Scenario 317306 (held out): the last paragraph copied above the one before it, a sentence of the
  // original then replaced. Myers kept the copy as the original and moved the short neighbour below it,
  // the edited original put in as new words: fewer words than the copy's, unless a copy writes none.
  const told = 'Ryabkov told reporters that Moscow proposed talks in Geneva.';
  const biden = 'Putin raised the demand for security guarantees in last week’s video call with U.S. President Joe Biden, the Kremlin said in a statement on Friday. During the call, Biden warned him of “severe consequences” if Moscow attacked.';
  const before = `Title\n${told}\n${biden}\n`;
  const after = `Title\n${biden}\n\n${told}\n${biden.replace(/During the call.*/u, 'The ministry did not respond to a request for comment.')}`;
  const { result } = diffOne(before, 'President Joe Biden', after);
  assert.deepEqual([...summary(result), result.annotation.start], ['moved', 'diff', 'President Joe Biden', after.lastIndexOf('President Joe Biden')]);
  assert.deepEqual(summary(diffOne(before, 'severe consequences', after).result).slice(0, 2), ['orphaned', 'diff']);
  // The neighbour moved below, the paragraph not copied: it stays.
  const moved = `Title\n${biden}\n${told}\n`;
  assert.deepEqual(diffOne(before, 'President Joe Biden', moved).result.annotation.start, moved.indexOf('President Joe Biden'));
  assert.deepEqual(scenarioVerdicts([[317306, 'President Joe Biden'], [317306, 'severe consequences']]), ['317306 President Joe Biden: exact', '317306 severe consequences: orphaned-rightly']);
});

test('diff-first: a word kept at the end of a replacement, glued to a word put in before it, is kept', () => {
  // Scenario 331806 (held out): the rest of a sentence deleted after `U.S. `, then ` fresh` put in at the
  // span's end, against the next sentence's `The`: `freshThe` is one word to a word diff.
  const first = 'The tough demands appear certain to be rejected by the U.S. and its allies, which have emphasized that Russia has no say';
  const second = 'The alliance’s secretary-general warned that any security talks would need to involve Ukraine';
  const before = `Intro.\n${first}. ${second}.\nEnd.\n`;
  const after = before.replace(' and its allies, which have emphasized that Russia has no say. The', '  freshThe');
  assert.ok(after.includes('U.S.  freshThe alliance’s'));
  const { result } = diffOne(before, second, after);
  assert.deepEqual([...summary(result), result.annotation.start], ['moved', 'diff', second, after.indexOf(second)]);
  assert.deepEqual(summary(diffOne(before, first, after).result), ['edited', 'diff', 'The tough demands appear certain to be rejected by the U.S.  fresh']);
  // Glued after a kept first word: the same.
  const head = before.replace('Intro.\nThe tough', 'Intro.\nThefresh tough');
  assert.deepEqual(summary(diffOne(before, 'tough demands appear', head).result), ['moved', 'diff', 'tough demands appear']);
  assert.deepEqual(scenarioVerdicts([[331806, 'The alliance’s'], [331806, 'The tough demands']]), ['331806 The alliance’s: exact', '331806 The tough demands: edited-correctly']);
});
