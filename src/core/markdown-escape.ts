/**
 * Text from a sidecar (ids, labels, quotes, notes, entities, attributes) or a file name shown inside
 * Markdown: hovers, tooltips and the status bar render Markdown, some of it trusted to run a command,
 * so a sidecar is data there and never markup.
 */

/**
 * A codicon reference as VS Code renders it in Markdown with theme icons (`$(tag)`, `$(sync~spin)`).
 * A backslash before it is the one escape VS Code's icon renderer understands.
 */
const ICON = /\$\((?=[a-z0-9-]+(?:~[a-z0-9-]*)?\))/gi;

/** Line breaks and other control characters: in a line of Markdown they could start a block (a heading, a list, a code block). */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** Every ASCII punctuation character: CommonMark lets a backslash escape each of them. */
const PUNCTUATION = /[!-/:-@[-`{-~]/g;

/**
 * Escape text so that Markdown shows it as it is, on one line: no link, image, autolink, HTML,
 * character reference, emphasis, code span or theme icon can come out of it.
 *
 * Every ASCII punctuation character gets a backslash (so `](`, `![`, `<img …>`, `&lt;`, backticks,
 * `https://` and `www.` are plain text), line breaks and other control characters become spaces, and
 * a theme icon reference gets a literal backslash first (VS Code's icon renderer reads `\$(x)` as
 * the text `$(x)`).
 * @param text any text
 * @returns the Markdown source that renders as `text` (line breaks as spaces)
 */
export function escapeMarkdown(text: string): string {
  return text.replace(CONTROL, ' ').replace(ICON, '\\$(').replace(PUNCTUATION, '\\$&');
}

/** Where a link of VS Code's "linked text" starts: `[label](` as notifications read it. */
const LINK_OPENING = /\]\(/g;

/**
 * Escape text for a notification. VS Code renders `[label](https://…)`, `[label](file:…)` and
 * `[label](command:…)` in a notification's message as links, and nothing else; a zero-width space
 * between `]` and `(` keeps the text as it looks and makes no link.
 * @param text any text, such as a message that quotes a sidecar
 */
export function escapeLinkedText(text: string): string {
  return text.replace(LINK_OPENING, ']\u200b(');
}

/**
 * A Markdown code span, so that a quoted text's markup, HTML, @mentions and #references stay inert:
 * the fence is one backtick longer than the longest run inside, padded when the text touches one.
 * @param text any text on one line
 */
export function markdownCode(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text === '' ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Command arguments in a Markdown link's destination (`[label](command:id?ARGS)`): the JSON of the
 * arguments with every character that could end the destination percent-encoded.
 * @param args the command's arguments
 */
export function commandLinkArguments(args: unknown[]): string {
  return encodeURIComponent(JSON.stringify(args)).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
