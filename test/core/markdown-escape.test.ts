import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import { commandLinkArguments, escapeLinkedText, escapeMarkdown } from '../../src/core/markdown-escape';
import { fixturePath } from '../fixture-path';

// markdown-it (with HTML and bare-URL links on, like the GFM Markdown VS Code renders) comes with the dev tools.
const MarkdownIt = createRequire(__filename)('markdown-it') as (options: object) => { render(source: string): string };
const markdown = MarkdownIt({ html: true, linkify: true });

const hostile = JSON.parse(fs.readFileSync(fixturePath('hostile', 'markdown.json'), 'utf8')) as string[];

/** VS Code's theme icon syntax, unless a backslash before it says it is text. */
const LIVE_ICON = /(?<!\\)\$\([a-z0-9-]+(?:~[a-z0-9-]*)?\)/i;

/** The text of rendered HTML that holds no tags but its paragraph. */
function textOf(html: string): string {
  const inner = html.replace(/^<p>/, '').replace(/<\/p>\n$/, '');
  assert.doesNotMatch(inner, /</, `no tag may come out of it: ${html}`);
  return inner.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

describe('escapeMarkdown', () => {
  for (const text of hostile) {
    test(`renders as one paragraph of plain text: ${JSON.stringify(text).slice(0, 60)}`, () => {
      const html = markdown.render(escapeMarkdown(text));
      assert.match(html, /^<p>[^]*<\/p>\n$/, `one paragraph: ${html}`);
      const shown = textOf(html);
      // The text itself, line breaks and control characters as spaces, a theme icon as its text.
      // eslint-disable-next-line no-control-regex -- control characters are what it finds
      const expected = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').replace(/\$\((?=[a-z0-9-]+(?:~[a-z0-9-]*)?\))/gi, '\\$(');
      assert.equal(shown, expected.trim());
      assert.doesNotMatch(shown, LIVE_ICON);
    });
  }

  test('leaves letters, digits and spaces of any script alone', () => {
    assert.equal(escapeMarkdown('Über 42 claims — 東京 ok'), 'Über 42 claims — 東京 ok');
  });
});

describe('escapeLinkedText', () => {
  // The pattern VS Code's notifications turn into links (command links included).
  const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/i;

  test('makes no notification link out of any hostile string, and changes nothing else', () => {
    for (const text of hostile) {
      const escaped = escapeLinkedText(text);
      assert.doesNotMatch(escaped, NOTIFICATION_LINK, text);
      assert.equal(escaped.replace(/\u200b/g, ''), text);
    }
  });
});

describe('commandLinkArguments', () => {
  test('keeps a link destination whole whatever the arguments hold, and decodes back to them', () => {
    const args = [{ uri: 'file:///a (b)/c\'s.txt', id: 'x)](https://evil', settlement: 'keep-this' }];
    const encoded = commandLinkArguments(args);
    assert.match(encoded, /^[A-Za-z0-9%._~-]*$/);
    assert.deepEqual(JSON.parse(decodeURIComponent(encoded)), args);
  });
});
