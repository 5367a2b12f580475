import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Annotation } from '../../../src/core/model';
import type { PlacedAnnotation } from '../../../src/core/sources/placed';
import { clusterEntities, conflictMessage, crossSourceView, groupSummary, CrossSourceMemo, placeName, shortValue, speakersOf, unlinkedPrints } from '../../../src/core/sources/cross-source';

let nextId = 0;
/** An annotation placed in a document, with the outlet its sidecar names. */
function placed(file: string, label: string, text: string, fields: Partial<Annotation> = {}, outlet: string | null = null, line = 1): PlacedAnnotation {
  const id = (nextId++).toString(16).padStart(8, '0');
  return { annotation: { id, label, start: 0, end: text.length, text, ...fields }, file, line, outlet };
}

/** The seeds' Donbas death toll, as four outlets print it. */
const TOLL = [
  placed('000.txt', 'figure', '13,000 people', { entity: 'donbas-death-toll', prefix: 'more than ' }, 'SpaceWar.com (AFP)', 54),
  placed('002.txt', 'figure', '13,000 lives', { entity: 'donbas-death-toll' }, null, 49),
  placed('003.txt', 'figure', '15,000 people', { entity: 'donbas-death-toll', prefix: 'about ' }, 'The Balkantimes Press', 19),
  placed('003.txt', 'figure', '14,000 people', { entity: 'donbas-death-toll', prefix: 'more than ' }, 'The Balkantimes Press', 61),
];

test('every figure is found by its document and id, with the group it is compared in', () => {
  const alone = placed('004.txt', 'figure', 'nearly three decades');
  const view = crossSourceView([...TOLL, alone, placed('000.txt', 'claim', '13,000 people')]);
  assert.equal(view.figures.length, 5, 'the claim is not a figure');
  const [first] = TOLL;
  assert.equal(view.figureOf('000.txt', first!.annotation.id)?.value, 13000);
  assert.equal(view.groupOf('000.txt', first!.annotation.id)?.key, 'donbas-death-toll');
  assert.equal(view.groupOf('002.txt', first!.annotation.id), undefined, 'an id is looked up in its own document only');
  assert.equal(view.groupOf('004.txt', alone.annotation.id), undefined, 'a figure compared with nothing has no group');
  assert.ok(view.figureOf('004.txt', alone.annotation.id), 'but it is read');
});

test('the tree says what a group\'s figures give, each value once, without the unit they share', () => {
  const view = crossSourceView(TOLL);
  assert.equal(groupSummary(view.groups[0]!), 'conflict: more than 13,000 / 13,000 / about 15,000 / more than 14,000');
  const agree = crossSourceView([
    placed('000.txt', 'figure', '$2.5 billion', { entity: 'aid', prefix: 'more than ' }),
    placed('002.txt', 'figure', '$2.5 billion', { entity: 'aid', prefix: 'more than ' }),
  ]);
  assert.equal(groupSummary(agree.groups[0]!), 'agree: more than 2,500,000,000');
});

test('a short value leaves out the interval "about" and "nearly" span', () => {
  const view = crossSourceView([placed('a.txt', 'figure', 'about 15,000 people'), placed('a.txt', 'figure', 'nearly 100,000 troops')]);
  assert.deepEqual(view.figures.map(shortValue), ['about 15,000 people', 'just under 100,000 troops']);
});

test('the Problems panel names what every other source says, where', () => {
  const view = crossSourceView(TOLL);
  const group = view.groups[0]!;
  const here = view.figureOf('002.txt', TOLL[1]!.annotation.id)!;
  assert.equal(
    conflictMessage(here, group, (file) => `seeds/${file}`),
    'Sources disagree on donbas-death-toll: here 13,000 people; more than 13,000 people (SpaceWar.com (AFP), seeds/000.txt:54); ' +
      'about 15,000 people (The Balkantimes Press, seeds/003.txt:19); more than 14,000 people (The Balkantimes Press, seeds/003.txt:61). These cannot all be true.',
  );
});

test('a place without a line says its text was not found', () => {
  assert.equal(placeName({ name: 'a.txt', line: null, outlet: null }), 'a.txt (not found in the text)');
  assert.equal(placeName({ name: 'a.txt', line: 3, outlet: 'ABC News' }), 'ABC News, a.txt:3');
});

test('a quote printed in two documents is found from either print, linked or not', () => {
  const a = placed('000.txt', 'quote', 'sanctions like he\'s never seen', { entity: 'biden-sanctions-warning', attributes: { speaker: 'Joe Biden' } });
  const b = placed('002.txt', 'quote', 'sanctions like he’s never seen', { attributes: { speaker: 'Joe Biden' } });
  const c = placed('003.txt', 'quote', 'Sanctions like he’s never seen', {});
  const view = crossSourceView([a, b, c, placed('004.txt', 'quote', 'printed once only')]);
  const cluster = view.clusterOf('002.txt', b.annotation.id);
  assert.ok(cluster);
  assert.equal(view.clusterOf('000.txt', a.annotation.id), cluster);
  assert.equal(cluster.entity, 'biden-sanctions-warning');
  assert.deepEqual(unlinkedPrints(cluster), [{ file: '002.txt', ids: [b.annotation.id] }, { file: '003.txt', ids: [c.annotation.id] }]);
  assert.deepEqual(clusterEntities(cluster), ['biden-sanctions-warning']);
});

test('unlinked prints are gathered by document; entities are named once each', () => {
  const members = [
    { file: 'a.txt', id: '1', entity: null },
    { file: 'b.txt', id: '2', entity: 'x' },
    { file: 'a.txt', id: '3', entity: null },
    { file: 'c.txt', id: '4', entity: 'y' },
    { file: 'c.txt', id: '5', entity: 'x' },
  ].map((m) => ({ ...m, line: 1, text: 't', speaker: null, outlet: null }));
  assert.deepEqual(unlinkedPrints({ members }), [{ file: 'a.txt', ids: ['1', '3'] }]);
  assert.deepEqual(clusterEntities({ members }), ['x', 'y']);
});

test('speakers are named once each, folded as the clustering folds them, with the prints that name them', () => {
  const members = [
    { speaker: 'Sergei Ryabkov', id: '1' },
    { speaker: null, id: '2' },
    { speaker: 'sergei  RYABKOV', id: '3' },
    { speaker: 'Maria Zakharova', id: '4' },
  ].map((m) => ({ ...m, file: 'a.txt', line: 1, text: 't', entity: null, outlet: null }));
  assert.deepEqual(
    speakersOf(members).map((s) => [s.speaker, s.members.map((m) => m.id)]),
    [['Sergei Ryabkov', ['1', '3']], ['Maria Zakharova', ['4']]],
  );
});

test('a view built with the readings of the last build is the view built afresh, and follows changed texts', () => {
  const memo = new CrossSourceMemo();
  const quotes = [placed('a.txt', 'quote', 'we are ready to go for talks'), placed('b.txt', 'quote', 'We are ready to go for talks')];
  const all = [...TOLL, ...quotes];
  const plain = (v: ReturnType<typeof crossSourceView>) => JSON.stringify([v.figures, v.groups, v.clusters]);
  assert.equal(plain(crossSourceView(all, {}, memo)), plain(crossSourceView(all)));
  assert.equal(plain(crossSourceView(all, {}, memo)), plain(crossSourceView(all)), 'the second build, from the memo, too');
  // The toll in 002 retyped as "15,000 lives" and a print retyped: both read again.
  const changed = all.map((p) =>
    p === TOLL[1] ? { ...p, annotation: { ...p.annotation, text: '15,000 lives' } } : p === quotes[1] ? { ...p, annotation: { ...p.annotation, text: 'something else entirely' } } : p,
  );
  const view = crossSourceView(changed, {}, memo);
  assert.equal(view.figureOf('002.txt', TOLL[1]!.annotation.id)?.value, 15000);
  assert.equal(view.clusters.length, 0, 'the prints no longer match');
  assert.equal(plain(view), plain(crossSourceView(changed)));
});

test('the memo reads again a figure changed in place (text, words before, attributes, entity) or moved to another line', () => {
  const memo = new CrossSourceMemo();
  const own = TOLL.map((p) => ({ ...p, annotation: { ...p.annotation } }));
  const plain = (v: ReturnType<typeof crossSourceView>) => JSON.stringify([v.figures, v.groups, v.clusters]);
  crossSourceView(own, {}, memo);
  const changes: ((p: PlacedAnnotation) => void)[] = [
    (p) => (p.annotation.text = '16,000 people'),
    (p) => (p.annotation.prefix = 'fewer than '),
    (p) => (p.annotation.attributes = { value: 12000 }),
    (p) => (p.annotation.attributes = { value: 12000, unit: 'lives' }),
    (p) => (p.annotation.attributes = { value: 12000, unit: 'lives', subject: 'deaths' }),
    (p) => (p.annotation.entity = 'another-toll'),
    (p) => (p.line = 7),
    (p) => (p.outlet = 'Another Outlet'),
  ];
  for (const change of changes) {
    change(own[2]!); // the same annotation object, changed where it is, as the editor's engine changes its own
    assert.equal(plain(crossSourceView(own, {}, memo)), plain(crossSourceView(own)));
  }
});

test('a view kept up to date through many changes of documents is the view built afresh, and an older view answers as it did', () => {
  let seed = 7;
  const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const sentence = 'we are ready to talk with the united states in a third country there will be no security'.split(' ');
  const annotation = (): Annotation => {
    const id = (nextId++).toString(16).padStart(8, '0');
    if (random() < 0.5) {
      const text = `${pick(['13,000', '14,000', '15,000', '2021'])} ${pick(['people', 'lives', 'troops', ''])}`.trim();
      return { id, label: 'figure', start: 0, end: text.length, text, prefix: pick(['', 'more than ', 'about ']), ...(random() < 0.7 ? { entity: pick(['toll', 'troops', 'aid']) } : {}) };
    }
    const from = Math.floor(random() * 6);
    const text = sentence.slice(from, from + 5 + Math.floor(random() * 8)).join(' ');
    return { id, label: random() < 0.9 ? 'quote' : 'claim', start: 0, end: text.length, text, attributes: { speaker: pick(['Ryabkov', 'ryabkov', 'Zakharova']) } };
  };
  let documents = Array.from({ length: 12 }, (_, d) => ({ file: `${String(d).padStart(3, '0')}.txt`, outlet: d % 3 ? `Outlet ${d % 3}` : null, annotations: Array.from({ length: 6 }, annotation) }));
  const placedNow = () => documents.flatMap((doc) => doc.annotations.map((a, i) => ({ annotation: a, file: doc.file, line: i + 1, outlet: doc.outlet })));
  const plain = (v: ReturnType<typeof crossSourceView>) => JSON.stringify([v.figures, v.groups, v.clusters]);
  const lookUps = (v: ReturnType<typeof crossSourceView>, all: PlacedAnnotation[]) => JSON.stringify(all.map((p) => [v.figureOf(p.file, p.annotation.id), v.groupOf(p.file, p.annotation.id)?.key, v.clusterOf(p.file, p.annotation.id)?.key]));
  const changes: (() => void)[] = [
    () => pick(documents).annotations.push(annotation()), // tagged
    () => {
      const doc = pick(documents);
      doc.annotations.splice(Math.floor(random() * doc.annotations.length), 1); // removed
    },
    () => {
      const doc = pick(documents);
      const i = Math.floor(random() * doc.annotations.length);
      if (doc.annotations[i]) doc.annotations[i] = { ...annotation(), id: doc.annotations[i]!.id }; // retyped
    },
    () => {
      const a = pick(pick(documents).annotations); // changed in place, as the editor's engine does
      if (a) a.entity = random() < 0.5 ? undefined : pick(['toll', 'troops']);
    },
    () => {
      const a = pick(pick(documents).annotations);
      if (a) a.attributes = { speaker: pick(['Ryabkov', 'Peskov']), ...(random() < 0.3 ? { value: 16000 } : {}) };
    },
    () => pick(documents).annotations.reverse(), // the same annotations in another order
    () => (documents = documents.filter((d) => d !== documents[0])), // a document closed
    () => documents.splice(Math.floor(random() * documents.length), 0, { file: `new-${nextId++}.txt`, outlet: null, annotations: Array.from({ length: 6 }, annotation) }),
    () => documents.push(...documents.splice(0, 1 + Math.floor(random() * 3))), // the documents come in another order
  ];
  const memo = new CrossSourceMemo();
  let older: { view: ReturnType<typeof crossSourceView>; plain: string; lookUps: string; all: PlacedAnnotation[] } | undefined;
  for (let step = 0; step < 150; step++) {
    const all = placedNow();
    const view = crossSourceView(all, {}, memo);
    const fresh = crossSourceView(all);
    assert.equal(plain(view), plain(fresh), `step ${step}`);
    assert.equal(lookUps(view, all), lookUps(fresh, all), `step ${step}: look-ups`);
    if (older) {
      assert.equal(plain(older.view), older.plain, `step ${step}: the view before`);
      assert.equal(lookUps(older.view, older.all), older.lookUps, `step ${step}: the look-ups of the view before`);
    }
    older = { view, plain: plain(view), lookUps: lookUps(view, all), all };
    for (let c = 1 + Math.floor(random() * 2); c > 0; c--) pick(changes)();
  }
});

test('annotations of a document placed apart from each other are grouped afresh', () => {
  const memo = new CrossSourceMemo();
  const apart = [TOLL[0]!, TOLL[2]!, { ...TOLL[1]!, file: '000.txt' }];
  const plain = (v: ReturnType<typeof crossSourceView>) => JSON.stringify([v.figures, v.groups, v.clusters]);
  assert.equal(plain(crossSourceView(apart, {}, memo)), plain(crossSourceView(apart)));
  assert.equal(plain(crossSourceView(TOLL, {}, memo)), plain(crossSourceView(TOLL)), 'and the next build starts over');
});
