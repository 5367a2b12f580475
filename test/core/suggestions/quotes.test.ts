import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { attributeQuotes, findQuotes } from '../../../src/core/suggestions/quotes';

function quotes(text: string): { text: string; speaker?: string }[] {
  return findQuotes(text).map((q) => ({ text: text.slice(q.start, q.end), ...(q.speaker ? { speaker: q.speaker } : {}) }));
}

describe('quotation suggester', () => {
  test('every quote style; the span is the words inside, without a final comma or period', () => {
    assert.deepEqual(quotes('He called it “a mistake.” Then "we go," and ‘maybe’ or \'never\', «jamais», „nie“.').map((q) => q.text), [
      'a mistake',
      'we go',
      'maybe',
      'never',
      'jamais',
      'nie',
    ]);
  });

  test("apostrophes, a quote mark after a digit and an unclosed quote open nothing; quotes stay within a paragraph", () => {
    assert.deepEqual(quotes("Russia's and don't and a 12\" pipe"), []);
    assert.deepEqual(quotes('She said "this never\ncloses" at all'), []);
    assert.deepEqual(quotes('A ‘dangerous point, Photo: AFP'), []);
  });

  test('a single-quoted passage inside a double-quoted one is part of it', () => {
    assert.deepEqual(quotes('"They call it \'peace\' now," she said.').map((q) => q.text), ["They call it 'peace' now"]);
  });

  test('the speaker: "X said", "said X", "according to X", a title left out', () => {
    assert.deepEqual(quotes('"We are ready," said Sergei Ryabkov.'), [{ text: 'We are ready', speaker: 'Sergei Ryabkov' }]);
    assert.deepEqual(quotes('"We are ready," Ryabkov told reporters.'), [{ text: 'We are ready', speaker: 'Ryabkov' }]);
    assert.deepEqual(quotes('Deputy Foreign Minister Sergei Ryabkov said Russia was ready "as early as" Saturday.'), [{ text: 'as early as', speaker: 'Sergei Ryabkov' }]);
    assert.deepEqual(quotes('According to Jen Psaki, "there will be no talks".'), [{ text: 'there will be no talks', speaker: 'Jen Psaki' }]);
    assert.deepEqual(quotes('US President Joe Biden has warned of "sanctions like he\'s never seen".'), [{ text: "sanctions like he's never seen", speaker: 'Joe Biden' }]);
  });

  test('"he said" stands for the last speaker named before it; with nobody named before, no speaker', () => {
    const text = 'Sergei Ryabkov said talks were urgent.\n\n"We are ready," he said, noting that "Geneva was suggested".';
    assert.deepEqual(quotes(text), [
      { text: 'We are ready', speaker: 'Sergei Ryabkov' },
      { text: 'Geneva was suggested', speaker: 'Sergei Ryabkov' },
    ]);
    assert.deepEqual(quotes('"We are ready," he said.'), [{ text: 'We are ready' }]);
  });
});

test('a speaker named at the end of a sentence does not run into the next one', () => {
  assert.deepEqual(quotes('"We are ready," said Sergei Ryabkov. The West says so.'), [{ text: 'We are ready', speaker: 'Sergei Ryabkov' }]);
  assert.deepEqual(quotes('"Yes," said John F. Kennedy.'), [{ text: 'Yes', speaker: 'John F. Kennedy' }]);
});

describe('where the speaker is named', () => {
  /** Each quote's words and the words that name its speaker (`mention`). */
  const mentions = (text: string) => findQuotes(text).map((q) => [text.slice(q.start, q.end), q.mention && text.slice(q.mention.start, q.mention.end)]);

  test('the words of the attribution, title included: after the quote, before it, after "according to"', () => {
    assert.deepEqual(mentions('"We are ready," said Deputy Foreign Minister Sergei Ryabkov.'), [['We are ready', 'Deputy Foreign Minister Sergei Ryabkov']]);
    assert.deepEqual(mentions('"No talks," White House Press Secretary Jen Psaki told reporters.'), [['No talks', 'White House Press Secretary Jen Psaki']]);
    assert.deepEqual(mentions('US President Joe Biden has warned of "sanctions".'), [['sanctions', 'US President Joe Biden']]);
    assert.deepEqual(mentions('According to Jen Psaki, "there will be no talks".'), [['there will be no talks', 'Jen Psaki']]);
  });

  test('for "he said", where the antecedent is named; words that name no person still say where', () => {
    const text = 'Sergei Ryabkov said talks were urgent.\n\n"We are ready," he said.';
    assert.deepEqual(mentions(text), [['We are ready', 'Sergei Ryabkov']]);
    assert.equal(findQuotes(text)[0]!.mention!.start, 0);
    const draft = 'The draft addressed to NATO says members should "refrain from enlargement".';
    assert.deepEqual(findQuotes(draft).map((q) => [q.speaker, q.mention && draft.slice(q.mention.start, q.mention.end)]), [[undefined, 'NATO']]);
  });
});

describe('attributing quotes already tagged', () => {
  test('a span inside a found quotation takes its attribution; one whose marks are not paired is read from the words around it', () => {
    const text = 'Ryabkov said relations reached a ‘dangerous point, Photo: AFP.\n"We are ready to talk," said Jen Psaki.';
    const span = (needle: string) => ({ start: text.indexOf(needle), end: text.indexOf(needle) + needle.length });
    const [unpaired, inside] = attributeQuotes(text, [span('dangerous point'), span('ready to talk')]);
    assert.deepEqual([unpaired!.speaker, inside!.speaker], ['Ryabkov', 'Jen Psaki']);
    assert.deepEqual([unpaired!.start, unpaired!.end], [span('dangerous point').start, span('dangerous point').end], 'the span as given');
  });

  test('the quotations findQuotes finds, given back, are attributed as it attributes them', () => {
    const text = 'Sergei Ryabkov said talks were urgent.\n\n"We are ready," he said, noting that "Geneva was suggested". "No," said Jen Psaki.';
    const found = findQuotes(text);
    assert.deepEqual(attributeQuotes(text, found), found);
  });
});
