/**
 * `export --plain`: a Markdown document exported as the text a reader sees, its annotations mapped
 * from the source onto that text (see `../markdown`).
 */
import { projectMarkdown } from '../markdown';
import type { Annotation } from '../model';
import { compareAnnotations } from '../sidecar/write';
import { OffsetIndex } from '../text';
import type { ExportDocument } from './types';

/**
 * Whether a document is Markdown, by its file name.
 * @param source the document's path
 */
export function isMarkdownPath(source: string): boolean {
  return /\.(md|markdown|mdown|mkd)$/i.test(source);
}

/**
 * A prepared Markdown document over its plain text. An annotation's `text` becomes the plain text it
 * covers now (markup inside the span is gone); its stored context is dropped, as it described the source.
 * @param document a prepared document whose text is Markdown source
 * @returns the projected document, and a warning for each annotation that covers only markup (left out)
 */
export async function projectToPlain(document: ExportDocument): Promise<{ document: ExportDocument; warnings: string[] }> {
  const projection = await projectMarkdown(document.text);
  const index = new OffsetIndex(projection.text);
  const warnings: string[] = [];
  const annotations: Annotation[] = [];
  for (const a of document.annotations) {
    const span = projection.mapSpan(a.start, a.end);
    if (!span) {
      warnings.push(`${document.source}: annotation ${a.id} (${a.label}) covers only Markdown markup; left out of the plain export`);
      continue;
    }
    const { prefix: _prefix, suffix: _suffix, ...rest } = a;
    annotations.push({ ...rest, start: span.start, end: span.end, text: index.slice(span.start, span.end) });
  }
  return { document: { ...document, text: projection.text, annotations: annotations.sort(compareAnnotations) }, warnings };
}
