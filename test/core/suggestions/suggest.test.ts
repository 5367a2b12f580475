import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { DEFAULT_LABEL_CONFIG, parseLabelConfig } from '../../../src/core/config';
import { suggestAnnotations } from '../../../src/core/suggestions/suggest';
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
