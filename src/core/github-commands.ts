/**
 * GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::message`), which the runner
 * turns into annotations on a pull request's lines. Escaped exactly as GitHub's toolkit does
 * (`@actions/core`, `packages/core/src/command.ts`), so that a message quoting a sidecar can neither
 * end the command early nor start another one.
 */

/** The kinds of annotation a workflow command makes. */
export type WorkflowCommandKind = 'error' | 'warning' | 'notice';

/** Where an annotation goes and what it is called; a property left undefined or empty is not written. */
export interface WorkflowCommandProperties {
  file?: string;
  line?: number;
  col?: number;
  title?: string;
}

/**
 * One workflow command line, without its line break.
 * @param kind error, warning or notice
 * @param properties the file, line, column and title
 * @param message the text shown
 */
export function workflowCommand(kind: WorkflowCommandKind, properties: WorkflowCommandProperties, message: string): string {
  const written = Object.entries(properties)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`);
  return `::${kind}${written.length > 0 ? ' ' + written.join(',') : ''}::${escapeData(message)}`;
}

/**
 * A command's message: `%`, CR and LF percent-encoded.
 * @param text any text
 */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * A command's property value: as a message, and `:` and `,` too, which end a value.
 * @param text any text
 */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
