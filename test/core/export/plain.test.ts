import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { isMarkdownPath, projectToPlain } from '../../../src/core/export/plain';

test('Markdown is told by its file name', () => {
  for (const name of ['a.md', 'b/c.markdown', 'D.MD', 'e.mdown', 'f.mkd']) assert.equal(isMarkdownPath(name), true, name);
  for (const name of ['a.txt', 'md', 'a.md.txt', 'a.mdx']) assert.equal(isMarkdownPath(name), false, name);
});

test('a Markdown document becomes its plain text, each span mapped onto it with the text it covers there, its context dropped', async () => {
  const { document, warnings } = await projectToPlain({
    source: 'a.md',
    text: '# Title\n\nSome **bold** claim.\n',
    annotations: [
      { id: 'b', label: 'claim', start: 9, end: 28, text: 'Some **bold** claim', prefix: '# Title\n\n', suffix: '.\n' },
      { id: 't', label: 'claim', start: 2, end: 7, text: 'Title' },
    ],
  });
  assert.deepEqual(warnings, []);
  const chars = [...document.text];
  assert.equal(document.source, 'a.md');
  assert.doesNotMatch(document.text, /[#*]/);
  assert.deepEqual(
    document.annotations.map((a) => [a.id, a.text, chars.slice(a.start, a.end).join(''), 'prefix' in a || 'suffix' in a]),
    [
      ['t', 'Title', 'Title', false],
      ['b', 'Some bold claim', 'Some bold claim', false],
    ],
  );
});

test('a span over markup only is left out, with a warning', async () => {
  const { document, warnings } = await projectToPlain({ source: 'a.md', text: 'A **b** c.\n', annotations: [{ id: 'm', label: 'claim', start: 2, end: 4, text: '**' }] });
  assert.deepEqual(document.annotations, []);
  assert.deepEqual(warnings, ['a.md: annotation m (claim) covers only Markdown markup; left out of the plain export']);
});
