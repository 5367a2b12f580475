// markdown-it with HTML and bare-URL links on renders at least as much as VS Code's Markdown does.
// It comes with @vscode/vsce and ships no types; a plain require lets esbuild bundle it for the web run.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as (options: object) => { render(source: string): string };

/** A renderer at least as permissive as VS Code's Markdown. */
export const markdown = MarkdownIt({ html: true, linkify: true });
