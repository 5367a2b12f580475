/**
 * Which annotations of a document an export carries: the chosen labels, never an orphan, and only
 * annotations that sit on their text, so that every exported span slices the exported text exactly.
 */
import type { Annotation, DocumentSource } from '../model';
import { OffsetIndex } from '../text';
import type { ExportDocument } from './types';
import { compareStrings } from '../order';

/**
 * The export's view of one document, and a warning for each annotation left out.
 * @param source the document's path relative to the working folder, `/` separators
 * @param text the document's normalised text
 * @param annotations the sidecar's annotations
 * @param labels the labels to export (`--label`); undefined for all
 * @param publication the sidecar's `source:` header as `usableDocumentSource` gives it
 */
export function prepareDocument(
  source: string,
  text: string,
  annotations: readonly Annotation[],
  labels?: ReadonlySet<string>,
  publication?: DocumentSource,
  options: { includeSuggested?: boolean } = {},
): { document: ExportDocument; warnings: string[] } {
  const index = new OffsetIndex(text);
  const warnings: string[] = [];
  const kept: Annotation[] = [];
  let suggested = 0;
  for (const a of annotations) {
    if (labels && !labels.has(a.label)) continue;
    // Labeled data holds what an annotator confirmed; a suggestion nobody looked at would pass for it.
    if (a.status === 'suggested' && !options.includeSuggested) {
      suggested++;
      continue;
    }
    const name = `${source}: annotation ${a.id} (${a.label})`;
    if (a.status === 'orphaned') {
      warnings.push(`${name} is orphaned; left out`);
    } else if (a.start >= a.end) {
      warnings.push(`${name} covers no text (${a.start}..${a.end}); every format needs start < end (see 'marginalia check'); left out`);
    } else if (a.start < 0 || a.end > index.length || index.slice(a.start, a.end) !== a.text) {
      warnings.push(`${name} does not match the document at ${a.start}..${a.end}; left out (run 'marginalia check --fix')`);
    } else {
      kept.push(a);
    }
  }
  if (suggested > 0) warnings.push(`${source}: ${suggested} suggested annotation${suggested === 1 ? '' : 's'} not yet confirmed; left out (--include-suggested exports them)`);
  return { document: { source, text, annotations: kept.sort(compareForExport), ...(publication ? { publication } : {}) }, warnings };
}

/**
 * The order exports list a document's annotations in: by start, end, label, then id. Label comes
 * before id because formats without ids (brat, doccano, Prodigy) get new ids when imported back, and
 * the next export must list co-extensive spans in the same order.
 */
function compareForExport(a: Annotation, b: Annotation): number {
  return a.start - b.start || a.end - b.end || compareStrings(a.label, b.label) || compareStrings(a.id, b.id);
}
