/**
 * How good the built-in suggesters are, measured: precision and recall per label against the hand-made
 * gold annotations of test/fixtures/suggestions/gold/ (every quote and figure of the article) and
 * against the seed articles' sidecars (whose annotators tagged only some quotes, figures and claims,
 * so precision there is a floor). The floors asserted are the figures measured, rounded down; the
 * figures are in bench/results.md. A change that makes suggestions worse fails here.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_LABEL_CONFIG } from '../../../src/core/config';
import { readSidecar } from '../../../src/core/sidecar/read';
import { scoreSuggestions, type LabelScore, type LabelledSpan } from '../../../src/core/suggestions/evaluate';
import { suggestAnnotations } from '../../../src/core/suggestions/suggest';
import { codePointLength, normalizeText } from '../../../src/core/text';
import { fixturePath, REPO_ROOT } from '../../fixture-path';

interface GoldSpan {
  label: string;
  text: string;
  occurrence?: number;
  attributes: Record<string, string | number>;
}

function byLabel(scores: LabelScore[]): Record<string, LabelScore> {
  return Object.fromEntries(scores.map((s) => [s.label, s]));
}

test('on the fully annotated article: quotes and figures found, with their speakers and values', () => {
  const text = normalizeText(fs.readFileSync(fixturePath('suggestions', 'gold', 'article.txt'), 'utf8'));
  const { spans } = JSON.parse(fs.readFileSync(fixturePath('suggestions', 'gold', 'gold.json'), 'utf8')) as { spans: GoldSpan[] };
  const gold = spans.map((g) => {
    let at = -1;
    for (let n = 0; n <= (g.occurrence ?? 0); n++) at = text.indexOf(g.text, at + 1);
    assert.ok(at >= 0, `${g.text} is in the article`);
    const start = codePointLength(text.slice(0, at));
    return { label: g.label, start, end: start + codePointLength(g.text), attributes: g.attributes };
  });
  const suggested = suggestAnnotations(text, DEFAULT_LABEL_CONFIG, { labels: new Set(['quote', 'figure']) });
  const scores = byLabel(scoreSuggestions(suggested, gold, ['quote', 'figure']));
  assert.deepEqual([scores['quote']!.gold, scores['figure']!.gold], [5, 11]);
  assert.ok(scores['quote']!.exactPrecision >= 1 && scores['quote']!.exactRecall >= 1, JSON.stringify(scores['quote']));
  assert.ok(scores['figure']!.exactPrecision >= 1 && scores['figure']!.exactRecall >= 0.8, JSON.stringify(scores['figure']));
  // The attributes of each exact match: every quote's speaker, every figure's value (and unit where the gold has one).
  let speakers = 0;
  let values = 0;
  for (const g of gold) {
    const s = suggested.find((x) => x.label === g.label && x.start === g.start && x.end === g.end);
    if (!s) continue;
    if (g.label === 'quote' && s.attributes['speaker'] === g.attributes['speaker']) speakers++;
    if (g.label === 'figure' && s.attributes['value'] === g.attributes['value'] && (g.attributes['unit'] === undefined || s.attributes['unit'] === g.attributes['unit'])) values++;
  }
  assert.equal(speakers, 5, 'every speaker named right');
  assert.equal(values, 9, 'every figure found is read right');
});

test('on the seed articles: nearly every hand-made quote and figure is suggested; claims are a weak start', () => {
  const seeds = path.join(REPO_ROOT, 'seeds');
  const suggested: LabelledSpan[] = [];
  const gold: LabelledSpan[] = [];
  let speakersRight = 0;
  let quotesWithSpeaker = 0;
  // Each document's offsets are moved past the previous ones so that spans of different documents never match.
  let base = 0;
  for (const name of fs.readdirSync(seeds).filter((f) => f.endsWith('.txt')).sort()) {
    const text = normalizeText(fs.readFileSync(path.join(seeds, name), 'utf8'));
    const sidecar = readSidecar(fs.readFileSync(path.join(seeds, `${name}.annotations.yaml`), 'utf8')).sidecar!;
    const found = suggestAnnotations(text, DEFAULT_LABEL_CONFIG);
    for (const s of found) suggested.push({ label: s.label, start: base + s.start, end: base + s.end });
    for (const a of sidecar.annotations) {
      gold.push({ label: a.label, start: base + a.start, end: base + a.end });
      const speaker = a.attributes?.['speaker'];
      if (a.label !== 'quote' || speaker === undefined) continue;
      quotesWithSpeaker++;
      const s = found.find((x) => x.label === 'quote' && x.start === a.start && x.end === a.end);
      if (s && s.attributes['speaker'] === speaker) speakersRight++;
    }
    base += codePointLength(text) + 1;
  }
  const scores = byLabel(scoreSuggestions(suggested, gold, ['claim', 'quote', 'figure']));
  assert.ok(scores['quote']!.exactRecall >= 0.96 && scores['quote']!.exactPrecision >= 0.44, JSON.stringify(scores['quote']));
  assert.ok(scores['figure']!.exactRecall >= 1 && scores['figure']!.exactPrecision >= 0.48, JSON.stringify(scores['figure']));
  assert.ok(scores['claim']!.recall >= 0.2 && scores['claim']!.precision >= 0.15, JSON.stringify(scores['claim']));
  assert.equal(quotesWithSpeaker, 28);
  assert.ok(speakersRight >= 18, `speakers right: ${speakersRight} of ${quotesWithSpeaker}`);
});
