import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { DEFAULT_LABEL_CONFIG, parseLabelConfig } from '../../../src/core/config';
import { filterSuggestions, suggestAnnotations, suggestCandidates, type SuggestionCandidates } from '../../../src/core/suggestions/suggest';
import { rejectionOf } from '../../../src/core/suggestions/rejected';

const TEXT = 'The West says Moscow has readied some 100,000 troops. "We are ready," said Sergei Ryabkov.';

describe('suggestions for a document', () => {
  test('quotes with their speaker, figures with value and unit, claims, in document order', () => {
    const found = suggestAnnotations(TEXT, DEFAULT_LABEL_CONFIG);
    assert.deepEqual(
      found.map((s) => [s.label, s.text, s.attributes]),
      [
        ['claim', 'The West says Moscow has readied some 100,000 troops', {}],
        ['figure', '100,000 troops', { value: 100000, unit: 'troops' }],
        ['quote', 'We are ready', { speaker: 'Sergei Ryabkov' }],
      ],
    );
    for (const s of found) {
      assert.equal([...TEXT].slice(s.start, s.end).join(''), s.text, 'offsets are code points');
      assert.ok(s.score > 0 && s.score <= 1);
    }
  });

  test('offsets count code points: an emoji before the span counts once', () => {
    const text = '🙂 "We are ready," said Sergei Ryabkov.';
    const [quote] = suggestAnnotations(text, DEFAULT_LABEL_CONFIG, { labels: new Set(['quote']) });
    assert.deepEqual([quote?.start, quote?.end], [3, 15]);
  });

  test('a span annotated with the same label (overlapping) is not suggested again; another label does not hide it', () => {
    const at = [...TEXT].join('').indexOf('100,000');
    const found = suggestAnnotations(TEXT, DEFAULT_LABEL_CONFIG, { annotations: [{ label: 'figure', start: at, end: at + 7 }] });
    assert.deepEqual(found.map((s) => s.label), ['claim', 'quote']);
    const other = suggestAnnotations(TEXT, DEFAULT_LABEL_CONFIG, { annotations: [{ label: 'quote', start: at, end: at + 7 }] });
    assert.deepEqual(other.map((s) => s.label), ['claim', 'figure', 'quote']);
  });

  test('a rejected suggestion is matched by label, text and the text before it, wherever it moved', () => {
    const before = TEXT.slice(0, TEXT.indexOf('100,000'));
    const rejected = [rejectionOf('figure', '100,000 troops', before)];
    assert.deepEqual(suggestAnnotations('Intro paragraph added.\n\n' + TEXT, DEFAULT_LABEL_CONFIG, { rejected, labels: new Set(['figure']) }), []);
    const elsewhere = 'Now 100,000 troops.';
    assert.equal(suggestAnnotations(elsewhere, DEFAULT_LABEL_CONFIG, { rejected, labels: new Set(['figure']) }).length, 1, 'the same text in another context is still offered');
  });

  test("a project's patterns and terms suggest spans of its own labels; builtin: false turns a built-in suggester off", () => {
    const { config, findings } = parseLabelConfig(
      ['labels:', '  person:', '    suggest:', '      terms: [Sergei Ryabkov, moscow]', '  quote:', '    suggest:', '      builtin: false', '      patterns: ["\\\\bready\\\\b"]'].join('\n'),
    );
    assert.deepEqual(findings, []);
    assert.deepEqual(
      suggestAnnotations(TEXT, config).map((s) => [s.label, s.text]),
      [
        ['person', 'Moscow'],
        ['quote', 'ready'],
        ['person', 'Sergei Ryabkov'],
      ],
    );
  });
});

describe('candidates kept, filtered again when annotations change', () => {
  const fig = TEXT.indexOf('100,000');
  const quote = TEXT.indexOf('We are');

  test('filtering the candidates gives what suggestAnnotations gives', () => {
    const found = suggestCandidates(TEXT, DEFAULT_LABEL_CONFIG);
    const contexts = [
      {},
      { annotations: [{ label: 'figure', start: fig, end: fig + 3 }] },
      { annotations: [{ label: 'quote', start: quote, end: quote + 2 }, { label: 'claim', start: 0, end: 3 }] },
      { rejected: [rejectionOf('quote', 'We are ready', TEXT.slice(0, quote))] },
    ];
    for (const context of contexts) assert.deepEqual(filterSuggestions(found, context), suggestAnnotations(TEXT, DEFAULT_LABEL_CONFIG, context));
  });

  test('an annotation overlapping a candidate leaves it out wherever it sits among many, nested or not', () => {
    const found = suggestCandidates(TEXT, DEFAULT_LABEL_CONFIG, new Set(['figure']));
    const many = Array.from({ length: 200 }, (_, i) => ({ label: 'figure', start: 1000 + i * 5, end: 1002 + i * 5 }));
    assert.equal(filterSuggestions(found, { annotations: many }).length, 1, 'annotations elsewhere leave it');
    // A long annotation starting early, then short ones ending before the figure: the long one overlaps.
    const nested = [{ label: 'figure', start: 0, end: fig + 1 }, { label: 'figure', start: 1, end: 2 }, { label: 'figure', start: 3, end: 4 }, ...many];
    assert.deepEqual(filterSuggestions(found, { annotations: nested }), []);
    // Touching is not overlapping: one ending where the figure starts, one starting where it ends.
    const figure = filterSuggestions(found)[0];
    assert.ok(figure);
    const touching = [{ label: 'figure', start: 0, end: figure.start }, { label: 'figure', start: figure.end, end: figure.end + 3 }];
    assert.equal(filterSuggestions(found, { annotations: touching }).length, 1);
  });

  test('of overlapping candidates of one label the surer stays; touching ones both stay; labels do not hide each other', () => {
    // Surest first, as suggestCandidates orders them: [10,20) stays, [15,25) overlaps it, [20,30) only
    // touches it, [5,11) overlaps it from before, [0,5) touches that one's place; a figure over them all stays.
    const candidate = (start: number, end: number, label = 'claim') => ({ start, end, label, text: 'x'.repeat(end - start), before: '', attributes: {}, score: 0.5 });
    const found: SuggestionCandidates = { spans: [candidate(10, 20), candidate(15, 25), candidate(20, 30), candidate(5, 11), candidate(0, 5), candidate(0, 30, 'figure')] };
    assert.deepEqual(
      filterSuggestions(found).map((s) => [s.label, s.start, s.end]),
      [['claim', 0, 5], ['figure', 0, 30], ['claim', 10, 20], ['claim', 20, 30]],
    );
  });

  test('each candidate is kept exactly when it overlaps no surer one kept of its label (thousands, in random order)', () => {
    let seed = 7;
    const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const spans = Array.from({ length: 3000 }, () => {
      const start = Math.floor(random() * 50_000);
      return { start, end: start + 1 + Math.floor(random() * 60), label: random() < 0.5 ? 'claim' : 'quote', text: '', before: '', attributes: {}, score: 0.5 };
    });
    const kept: typeof spans = [];
    for (const c of spans) if (!kept.some((k) => k.label === c.label && k.start < c.end && c.start < k.end)) kept.push(c);
    const expected = kept.map((c) => [c.label, c.start, c.end]).sort((a, b) => Number(a[1]) - Number(b[1]) || Number(a[2]) - Number(b[2]) || String(a[0]).localeCompare(String(b[0])));
    assert.deepEqual(filterSuggestions({ spans }).map((s) => [s.label, s.start, s.end]), expected);
  });
});
