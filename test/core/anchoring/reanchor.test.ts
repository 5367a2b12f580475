import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { fixturePath } from '../../fixture-path';
import type { Annotation } from '../../../src/core/model';
import { OffsetIndex, normalizeText } from '../../../src/core/text';
import { contextAround } from '../../../src/core/anchoring/context';
import { similarity } from '../../../src/core/anchoring/bit-parallel';
import { findQuote } from '../../../src/core/anchoring/match-quote';
import { MIN_QUALITY, MIN_TEXT_SIMILARITY, holds, reanchor, type AnchorResult } from '../../../src/core/anchoring/reanchor';
import { annotate } from './annotate';


/** Where the single occurrence of `s` starts in the text, in code points. */
function onlyPlace(index: OffsetIndex, s: string): number {
  const at = index.text.indexOf(s);
  assert.ok(at >= 0, `"${s}" is in the edited document`);
  assert.equal(index.text.indexOf(s, at + 1), -1, `"${s}" occurs once in the edited document`);
  return index.toCodePoint(at);
}

/** The invariants every result keeps, whatever the outcome. */
function assertSound(result: AnchorResult, before: Annotation, index: OffsetIndex): void {
  const a = result.annotation;
  assert.equal(a.id, before.id);
  if (result.outcome === 'orphaned') {
    assert.equal(a.status, 'orphaned');
    assert.deepEqual([a.start, a.end, a.text], [before.start, before.end, before.text], 'an orphan keeps offsets and text');
    return;
  }
  assert.equal(a.status, undefined);
  assert.ok(holds(a, index), `${a.id} holds where it was placed`);
  assert.equal(result.outcome === 'edited', a.text !== before.text);
  const context = contextAround(index, a.start, a.end);
  for (const side of ['prefix', 'suffix'] as const) {
    if (before[side] === undefined) assert.equal(a[side], undefined, `${a.id} gains no ${side}`);
    else if (result.outcome !== 'held') assert.equal(a[side], context[side], `${a.id} ${side} recomputed`);
  }
}

// ---- holds ----

test('an annotation holds when its text is exactly the code points start..end', () => {
  const index = new OffsetIndex('Go 🚀 now: “lift-off 🎉” today');
  const a = annotate(index.text, '“lift-off 🎉”');
  assert.deepEqual([a.start, a.end], [10, 22], 'each emoji counts as one code point');
  assert.equal(holds(a, index), true);
  assert.equal(holds({ ...a, start: a.start + 1, end: a.end + 1 }, index), false);
  assert.equal(holds({ ...a, text: '“lift-off 🎉”.' }, index), false);
  assert.equal(holds({ ...a, start: 20, end: 99 }, index), false, 'out of range is not an error, just not holding');
  assert.equal(holds({ ...a, start: 12, end: 10 }, index), false);
});

// ---- fixtures: a seed article edited outside the editor, and an emoji document ----

interface Case {
  document: string;
  annotations?: string;
  outcomes: Record<string, { outcome: AnchorResult['outcome']; text?: string }>;
}
const cases = JSON.parse(readFileSync(fixturePath('anchoring', 'expected.json'), 'utf8')) as Record<string, Case>;

for (const [name, expected] of Object.entries(cases)) {
  test(`fixture ${name}: every annotation gets its expected outcome and place`, () => {
    const annotations = JSON.parse(
      readFileSync(fixturePath('anchoring', expected.annotations ?? 'article.annotations.json'), 'utf8'),
    ) as Annotation[];
    const original = new OffsetIndex(normalizeText(readFileSync(fixturePath('anchoring', expected.annotations ? 'emoji.txt' : 'article.txt'), 'utf8')));
    for (const a of annotations) assert.ok(holds(a, original), `${a.id} holds on the original`);
    const index = new OffsetIndex(normalizeText(readFileSync(fixturePath('anchoring', expected.document), 'utf8')));
    const results = reanchor(annotations, index);
    assert.deepEqual(
      results.map((r) => r.annotation.id),
      annotations.map((a) => a.id),
      'results come in input order',
    );
    results.forEach((result, i) => {
      const before = annotations[i]!;
      const want = expected.outcomes[before.id]!;
      assert.equal(result.outcome, want.outcome, `${before.id}: outcome`);
      assertSound(result, before, index);
      if (want.outcome === 'orphaned') {
        assert.ok(result.score < MIN_QUALITY, `${before.id}: best score ${result.score} is below MIN_QUALITY`);
        return;
      }
      const text = want.text ?? before.text;
      assert.equal(result.annotation.text, text, `${before.id}: text`);
      assert.equal(result.annotation.start, onlyPlace(index, text), `${before.id}: start`);
    });
  });
}

test('fixture crlf: the raw CRLF text does not hold, which is why documents are normalised first', () => {
  const annotations = JSON.parse(readFileSync(fixturePath('anchoring', 'article.annotations.json'), 'utf8')) as Annotation[];
  const raw = new OffsetIndex(readFileSync(fixturePath('anchoring', 'article.crlf.txt'), 'utf8'));
  assert.ok(annotations.some((a) => !holds(a, raw)));
});

// ---- the rules, one example each ----

test('held annotations come back as copies; the input is not modified', () => {
  const text = 'Alpha said “yes” and Beta said “no”.';
  const a = annotate(text, '“no”');
  const frozen = structuredClone(a);
  const [result] = reanchor([a], new OffsetIndex(text));
  assert.equal(result!.outcome, 'held');
  assert.equal(result!.score, 1);
  assert.notEqual(result!.annotation, a);
  assert.deepEqual(a, frozen);
});

test('repeats of the same quote: prefix and suffix choose, not nearness to the old place', () => {
  const before = 'The minister said: “we are ready to talk”, and left. Later the spokesman said: “we are ready to talk”, then smiled.';
  const a = annotate(before, '“we are ready to talk”', { occurrence: 1 });
  // Rearranged: the spokesman's sentence first, the minister's copy now nearer the old offsets.
  const after = 'Later the spokesman said: “we are ready to talk”, then smiled. An aside. The minister said: “we are ready to talk”, and left.';
  const index = new OffsetIndex(after);
  const [result] = reanchor([a], index);
  assert.equal(result!.outcome, 'moved');
  assert.equal(result!.annotation.start, index.toCodePoint(after.indexOf('“we')));
  assert.ok(Math.abs(after.lastIndexOf('“we') - a.start) < Math.abs(after.indexOf('“we') - a.start), 'the other copy was nearer');
});

test('repeats without context: the one nearest the old place, moved by the shift of the annotations before it', () => {
  const before = 'Intro. We agree. Middle part here. We agree. End.';
  const first = annotate(before, 'Intro.', { id: 'first', context: false });
  const second = annotate(before, 'We agree.', { id: 'second', occurrence: 1, context: false });
  const after = 'A much longer new opening line. ' + before;
  const index = new OffsetIndex(after);
  const results = reanchor([second, first], index);
  assert.deepEqual(
    results.map((r) => [r.annotation.id, r.outcome, r.annotation.start]),
    [
      ['second', 'moved', second.start + 32],
      ['first', 'moved', first.start + 32],
    ],
  );
  assert.equal(results[0]!.annotation.prefix, undefined, 'no context is added where there was none');
});

test('a word changed inside a quote: new bounds, new text, refreshed context; spans after it shift', () => {
  const before = 'On Friday the envoy said “we will negotiate in good faith with everyone” before leaving for Geneva.';
  const quote = annotate(before, '“we will negotiate in good faith with everyone”', { id: 'quote' });
  const place = annotate(before, 'Geneva', { id: 'place' });
  const after = before.replace('in good faith', 'in complete good faith');
  const index = new OffsetIndex(after);
  const [q, p] = reanchor([quote, place], index);
  assert.equal(q!.outcome, 'edited');
  assert.equal(q!.annotation.text, '“we will negotiate in complete good faith with everyone”');
  assert.equal(q!.annotation.start, quote.start);
  assert.equal(q!.annotation.suffix, ' before leaving for Geneva.');
  assert.ok(q!.score >= MIN_QUALITY && q!.score < 1);
  assert.deepEqual([p!.outcome, p!.annotation.start], ['moved', place.start + 9]);
});

test('the first or last word of a quote replaced stays inside it; text inserted at its edge stays outside', () => {
  const before = 'Then she said plainly that talks were over for now, and walked out.';
  const a = annotate(before, 'talks were over for now');
  const replacedFirst = new OffsetIndex(before.replace('talks were', 'negotiations were'));
  assert.equal(reanchor([a], replacedFirst)[0]!.annotation.text, 'negotiations were over for now');
  const replacedLast = new OffsetIndex(before.replace('for now', 'for good'));
  assert.equal(reanchor([a], replacedLast)[0]!.annotation.text, 'talks were over for good');
  const insertedAfter = new OffsetIndex(before.replace('for now,', 'for now (she added),'));
  const [r] = reanchor([a], insertedAfter);
  assert.deepEqual([r!.outcome, r!.annotation.text], ['held', 'talks were over for now']);
});

test('a word lengthened at a quote edge is taken whole, even when the old text still holds', () => {
  const before = 'He said the talks were ready to begin, then left.';
  const a = annotate(before, 'the talks were ready');
  const after = new OffsetIndex(before.replace('ready', 'readying'));
  assert.ok(holds(a, after), 'the stored text is still at its place, as part of a longer word');
  const [result] = reanchor([a], after);
  assert.deepEqual([result!.outcome, result!.annotation.text], ['edited', 'the talks were readying']);
  const shifted = new OffsetIndex('Yes. ' + before.replace('He said', 'Hesaid'));
  const [moved] = reanchor([annotate(before, 'said the talks')], shifted);
  assert.deepEqual([moved!.outcome, moved!.annotation.text], ['edited', 'Hesaid the talks']);
});

test('text inserted inside a quote, between its intact prefix and suffix, is taken in', () => {
  const before = 'The statement read: “Talks will resume in Geneva next week with all parties present,” officials said.';
  const a = annotate(before, 'Talks will resume in Geneva next week with all parties present,');
  const inserted = before.replace('next week', 'next week (the date is not yet fixed, aides cautioned)');
  const [result] = reanchor([a], new OffsetIndex(inserted));
  assert.equal(result!.outcome, 'edited');
  assert.equal(result!.annotation.text, 'Talks will resume in Geneva next week (the date is not yet fixed, aides cautioned) with all parties present,');
});

test('a quote whose place was rewritten is orphaned, not moved onto a similar quote elsewhere', () => {
  const before =
    'Alpha told the press “we will not negotiate under any pressure” on Monday. Weather was mild. ' +
    'Beta told the crowd “we will negotiate under no pressure at all” on Friday.';
  const a = annotate(before, '“we will not negotiate under any pressure”');
  const after = before.replace('“we will not negotiate under any pressure”', 'nothing of substance');
  const [result] = reanchor([a], new OffsetIndex(after));
  assert.equal(result!.outcome, 'orphaned');
  assert.equal(result!.annotation.status, 'orphaned');
  assert.deepEqual([result!.annotation.start, result!.annotation.end], [a.start, a.end]);
  assert.ok(result!.score < MIN_QUALITY);
});

test('a formerly orphaned annotation that is found again loses its status', () => {
  const text = 'Some words, then “the quote we lost” and more words.';
  const a = { ...annotate(text, '“the quote we lost”'), status: 'orphaned' as const };
  const held = reanchor([a], new OffsetIndex(text))[0]!;
  assert.deepEqual([held.outcome, held.annotation.status], ['held', undefined]);
  const moved = reanchor([{ ...a, start: a.start, end: a.start }], new OffsetIndex(text))[0]!;
  assert.deepEqual([moved.outcome, moved.annotation.status, moved.annotation.end], ['moved', undefined, a.end]);
});

test('prefix and suffix are recomputed only where the annotation had them', () => {
  const before = 'Header.\n\nThe figure was 42 percent of the total.';
  const full = annotate(before, '42 percent', { id: 'full' });
  const { prefix: _omitted, ...suffixOnly } = { ...annotate(before, '42 percent', { id: 'suffix-only' }) };
  const index = new OffsetIndex('New first line.\n' + before);
  const [f, s] = reanchor([full, suffixOnly], index);
  assert.equal(f!.annotation.prefix, contextAround(index, f!.annotation.start, f!.annotation.end).prefix);
  assert.equal(s!.annotation.prefix, undefined);
  assert.equal(s!.annotation.suffix, ' of the total.');
});

test('empty text or impossible offsets are orphaned, never thrown on', () => {
  const index = new OffsetIndex('short text');
  const results = reanchor(
    [
      { id: 'empty', label: 'claim', start: 50, end: 50, text: '' },
      { id: 'reversed', label: 'claim', start: 5, end: 2, text: 'zzz' },
    ],
    index,
  );
  assert.deepEqual(
    results.map((r) => r.outcome),
    ['orphaned', 'orphaned'],
  );
});

// ---- scoring ----

test('match scores fall in order of similarity to the stored quote and context', () => {
  const prefix = 'At the briefing the deputy minister said: “';
  const suffix = '” before the talks began.';
  const quote = 'We are ready to go for talks with the US in a third country';
  const variants = [
    [prefix, quote, suffix],
    [prefix, 'We are ready to go for talks with the US in a third county', suffix],
    [prefix, 'We are ready to go for talks with the US in another country', suffix],
    [prefix, 'We are willing to go for talks with the EU in another country', suffix],
    ['Asked about it later, an aide repeated: “', quote, suffix],
    ['Asked about it later, an aide repeated: “', quote, '”, and nothing more was said of it.'],
  ];
  const scores = variants.map(([p, q, s]) => {
    const text = 'Filler text to start with. ' + p + q + s + ' More filler to end.';
    const at = text.indexOf(q!);
    return findQuote(text, { text: quote, prefix: prefix.slice(-32), suffix: suffix.slice(0, 32) }, at, () => false).best!.score;
  });
  for (let i = 1; i < scores.length; i++) assert.ok(scores[i]! < scores[i - 1]!, `score ${i} (${scores[i]}) < score ${i - 1} (${scores[i - 1]})`);
});

// ---- property: whatever the edits, a placement is never further from the stored text than documented ----

const words = ['the', 'talks', 'minister', 'said', 'ready', 'NATO', 'Moscow', 'on', 'Friday', 'security', '🚀', 'we', '—', 'a'];
const wordsArb = (min: number, max: number) => fc.array(fc.constantFrom(...words), { minLength: min, maxLength: max });
const editArb = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.nat(6),
  insert: wordsArb(0, 4),
});

test('property: re-anchoring after random edits places text within MIN_TEXT_SIMILARITY and MIN_QUALITY, or orphans', () => {
  fc.assert(
    fc.property(wordsArb(30, 80), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 2, max: 12 })), { minLength: 1, maxLength: 6 }), fc.array(editArb, { minLength: 1, maxLength: 8 }), (docWords, spans, edits) => {
      const before = docWords.join(' ');
      const original = new OffsetIndex(before);
      const tokens = docWords.map((w, i) => ({ w, at: docWords.slice(0, i).join(' ').length + (i > 0 ? 1 : 0) }));
      const annotations = spans.map(([first, count], n): Annotation => {
        const i = first % tokens.length;
        const j = Math.min(tokens.length - 1, i + count);
        const start = original.toCodePoint(tokens[i]!.at);
        const end = original.toCodePoint(tokens[j]!.at + tokens[j]!.w.length);
        return { id: String(n), label: 'quote', start, end, text: original.slice(start, end), ...contextAround(original, start, end) };
      });
      let after = docWords.slice();
      for (const e of edits) {
        const at = Math.floor(e.at * after.length);
        after = [...after.slice(0, at), ...e.insert, ...after.slice(at + e.remove)];
      }
      const index = new OffsetIndex(after.join(' '));
      reanchor(annotations, index).forEach((result, i) => {
        const before = annotations[i]!;
        assertSound(result, before, index);
        if (result.outcome === 'held' || result.outcome === 'orphaned') return;
        assert.ok(result.score >= MIN_QUALITY, `score ${result.score} ≥ MIN_QUALITY`);
        assert.ok(similarity(result.annotation.text, before.text) >= MIN_TEXT_SIMILARITY, 'text within MIN_TEXT_SIMILARITY');
      });
    }),
    { numRuns: 200 },
  );
});

test('a suggestion re-anchored keeps status: suggested; only orphaned is cleared when a span is found again', () => {
  const before = 'Intro. "We are ready," he said.';
  const after = 'A new first line.\n\nIntro. "We are ready," he said.';
  const suggested: Annotation = { ...annotate(before, 'We are ready'), status: 'suggested' };
  const [result] = reanchor([suggested], new OffsetIndex(after));
  assert.equal(result?.outcome, 'moved');
  assert.equal(result?.annotation.status, 'suggested');
  const orphan: Annotation = { ...annotate(before, 'We are ready'), status: 'orphaned' };
  assert.equal(reanchor([orphan], new OffsetIndex(after))[0]?.annotation.status, undefined);
});
