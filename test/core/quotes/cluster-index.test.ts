import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { QuoteClusterIndex } from '../../../src/core/quotes/cluster-index';
import { clusterQuotes, quoteMember, type QuoteMember } from '../../../src/core/quotes/clusters';
import { foldQuote } from '../../../src/core/quotes/fold';
import type { PlacedAnnotation } from '../../../src/core/sources/placed';

let nextId = 0;
function quote(text: string): PlacedAnnotation {
  const id = (nextId++).toString(16).padStart(8, '0');
  return { annotation: { id, label: 'quote', start: 0, end: text.length, text }, file: `doc-${id}.txt`, line: 1, outlet: null };
}

test('clusters kept up to date through many changes are the clusters made afresh', () => {
  // Prints drawn from a few sentences, cut at either end, so that many are cuts of others and a
  // print that goes can split a quotation in two.
  const sentences = ['we are ready to talk with the united states in a third country', 'there will be no security without our allies and partners this is unacceptable', 'this is a dangerous point and sanctions will follow'];
  let seed = 11;
  const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const print = () => {
    const words = sentences[Math.floor(random() * sentences.length)]!.split(' ');
    const from = Math.floor(random() * 4);
    return quote(words.slice(from, words.length - Math.floor(random() * 4)).join(' ') + (random() < 0.2 ? ` ${Math.floor(random() * 1000)}` : ''));
  };
  const index = new QuoteClusterIndex();
  const kept = new Map<PlacedAnnotation, QuoteMember>();
  const add = (p: PlacedAnnotation): void => {
    const member = quoteMember(p);
    kept.set(p, member);
    index.add(member, foldQuote(p.annotation.text));
  };
  const remove = (p: PlacedAnnotation): void => {
    index.remove(kept.get(p)!, foldQuote(p.annotation.text));
    kept.delete(p);
  };
  let prints = Array.from({ length: 40 }, print);
  prints.forEach(add);
  for (let step = 0; step < 80; step++) {
    assert.equal(JSON.stringify(index.clusters().clusters), JSON.stringify(clusterQuotes(prints)), `step ${step}`);
    // A few prints retyped, removed or added; now and then many at once (more than are compared one by one).
    const changes = step % 15 === 14 ? 80 : 1 + Math.floor(random() * 3);
    for (let c = 0; c < changes; c++) {
      const at = Math.floor(random() * prints.length);
      const kind = random();
      if (kind < 0.4) {
        remove(prints[at]!);
        prints[at] = print();
        add(prints[at]!);
      } else if (kind < 0.7 && prints.length > 5) {
        remove(prints[at]!);
        prints = prints.filter((_, i) => i !== at);
      } else {
        const p = print();
        prints.push(p);
        add(p);
      }
    }
  }
});

test('a quotation not touched by a change is the same object after it', () => {
  const index = new QuoteClusterIndex();
  const [a, b, c, d] = ['we are ready to talk now', 'We are ready to talk now', 'there will be no security at all', 'There will be no security at all'].map((t) => quoteMember(quote(t)));
  for (const m of [a!, b!, c!, d!]) index.add(m, foldQuote(m.text));
  const first = index.clusters();
  assert.equal(first.clusters.length, 2);
  index.remove(d!, foldQuote(d!.text));
  const second = index.clusters();
  assert.deepEqual(second.clusters.map((q) => q.key), ['we are ready to talk now']);
  assert.ok(first.clusters.includes(second.clusters[0]!), 'the other quotation was not made again');
  assert.deepEqual(second.dropped.map((q) => q.key), ['there will be no security at all']);
});
