/**
 * Label Studio JSON, as Label Studio exports a project ("JSON" export) and as Marginalia's
 * `export --format labelstudio` writes it: an array of tasks (or one task object), each with `data`
 * (the text in `data.text`, or in its only string field) and `annotations` (`completions` in Label
 * Studio before 1.0), each annotation a `result` list. Results of type `labels` over a `Text` tag are
 * spans (`value: {start, end, text, labels}`); results of type `relation` (`from_id`, `to_id`,
 * `direction`, `labels`) relate two regions of the same result. A task with no annotations but
 * `predictions` (a model's pre-annotations) is imported from its predictions, with a note.
 *
 * Offsets: Label Studio counts a Text region in code points since label-studio-frontend #308 (2022;
 * its own test "NER - Emoji - Text" expects `start` 21 for "test" after one emoji), and in UTF-16
 * code units before it. A region is read in code points; when `value.text` is not what that reading
 * holds but is what the UTF-16 reading holds, the region is read in UTF-16 units (with a note); when
 * neither holds `value.text`, the region is refused. Label Studio counts `\r\n` as two characters:
 * offsets are counted over the task's text as it is, then moved onto the text with CRLF read as LF.
 */
import { PUBLICATION_FIELDS } from '../export/publication';
import { lowerBound, normalizeText, OffsetIndex, quoteForMessage } from '../text';
import { isObject, isOffset, jsonFile, publicationIn } from './jsonl';
import type { ImportedDocument, ImportedRelation, ImportedSpan, ParsedImport } from './types';

/** How many characters of a text a report quotes. */
const QUOTE_LENGTH = 60;

/** Label Studio's region directions: `right` is from → to, `left` to → from, `bi` both ways. */
const DIRECTIONS = new Set(['right', 'left', 'bi']);

/**
 * The result types of Label Studio's control tags that are not spans of a Text: noted and left out.
 * A result of any other type is not something Label Studio writes, so it is reported as a problem.
 */
const OTHER_RESULT_TYPES = new Set([
  'hypertextlabels', 'paragraphlabels', 'choices', 'textarea', 'rating', 'ranker', 'taxonomy', 'number', 'datetime',
  'pairwise', 'rectangle', 'rectanglelabels', 'polygon', 'polygonlabels', 'keypoint', 'keypointlabels', 'brush',
  'brushlabels', 'ellipse', 'ellipselabels', 'magicwand', 'bitmasklabels', 'vector', 'vectorlabels',
  'timeserieslabels', 'videorectangle', 'audioplus', 'list',
]);

/**
 * Parse a Label Studio JSON export.
 * @param content the file's content
 * @param name the file's name, for reports
 */
export function parseLabelStudio(content: string, name: string): ParsedImport {
  const parsed: ParsedImport = { documents: [], problems: [], ignored: [] };
  const file = jsonFile(content, name, parsed.problems);
  if (!file) return parsed;
  const value = file.value;
  const tasks = Array.isArray(value) ? value : [value];
  const notes = new NoteCounter();
  tasks.forEach((task, t) => {
    const origin = Array.isArray(value) ? `${name} [${t}]` : name;
    if (!isObject(task)) parsed.problems.push({ origin, message: 'expected a Label Studio task object ({"data", "annotations"})' });
    else {
      const document = readTask(task, origin, parsed, notes);
      if (document) parsed.documents.push(document);
    }
  });
  parsed.ignored.push(...notes.summary(name));
  return parsed;
}

/** One task as a document, or undefined (with a problem) when it has no text. */
function readTask(task: Record<string, unknown>, origin: string, parsed: ParsedImport, notes: NoteCounter): ImportedDocument | undefined {
  const data = task['data'];
  const raw = isObject(data) ? taskText(data) : undefined;
  if (raw === undefined) {
    const minimal = !isObject(data) && typeof task['text'] === 'string' ? " (this looks like Label Studio's JSON-MIN export, which drops the region ids relations need: export as JSON)" : '';
    parsed.problems.push({ origin, message: `the task has no text: expected data.text, or a data object with one string field${minimal}` });
    return undefined;
  }
  const offsets = new TaskOffsets(raw);
  const { kind, list } = annotationList(task);
  if (kind === 'predictions') parsed.ignored.push(`${origin}: the task has no annotations; its ${list.length} prediction(s) are imported instead`);
  const spans: ImportedSpan[] = [];
  const relations: ImportedRelation[] = [];
  list.forEach((annotation, a) => {
    const where = `${origin}.${kind}[${a}]`;
    if (!isObject(annotation) || !Array.isArray(annotation['result'])) {
      parsed.problems.push({ origin: where, message: 'expected an object with a "result" list' });
      return;
    }
    if (annotation['was_cancelled'] === true) {
      parsed.ignored.push(`${where}: the annotator skipped the task (was_cancelled); its ${annotation['result'].length} result(s) not imported`);
      return;
    }
    const author = authorOf(annotation['completed_by']);
    // Region ids are unique within one result only: two annotators' regions may share ids.
    const keyOf = (id: string): string => (a === 0 ? id : `${id} (${kind}[${a}])`);
    const regionIds = new Set<string>();
    // An id two regions share cannot say which one a relation means.
    const sharedIds = new Set<string>();
    annotation['result'].forEach((result: unknown, r) => {
      const at = `${where}.result[${r}]`;
      if (!isObject(result)) return void parsed.problems.push({ origin: at, message: 'expected a result object' });
      const id = typeof result['id'] === 'string' || typeof result['id'] === 'number' ? String(result['id']) : undefined;
      const problem = (message: string): void => void parsed.problems.push({ origin: at, message: `${resultName(result)}${message}` });
      if (result['type'] === 'labels') {
        if (id !== undefined && regionIds.has(id)) sharedIds.add(id);
        if (id !== undefined) regionIds.add(id);
        const labels = regionLabels(result['value']);
        if (typeof labels === 'string') return problem(labels);
        // Each entry that names no label is said: the region's other labels are imported, that one is not.
        labels.notLabels.forEach(problem);
        if (labels.names.length === 0) return labels.notLabels.length === 0 ? problem('the region has no label') : undefined;
        const read = readRegion(result, labels.names, offsets, notes);
        if (typeof read === 'string') return problem(read);
        read.labels.forEach((label) => {
          spans.push({
            label,
            start: read.start,
            end: read.end,
            text: read.text,
            origin: read.labels.length > 1 ? `${at} label ${JSON.stringify(label)}` : at,
            ...(id !== undefined ? { id } : {}),
            // A relation names the region: each label's span carries its key, and the merge relates
            // the first of them imported (one whose label is not configured is not).
            ...(id !== undefined ? { key: keyOf(id) } : {}),
            ...(read.note !== undefined ? { note: read.note } : {}),
            ...(author !== undefined ? { author } : {}),
          });
        });
      } else if (typeof result['type'] === 'string' && OTHER_RESULT_TYPES.has(result['type'])) {
        notes.add(`results of type ${JSON.stringify(result['type'])} (${resultTypeHint(result['type'])})`);
      } else if (result['type'] !== 'relation') problem(unknownTypeReason(result['type']));
    });
    annotation['result'].forEach((result: unknown, r) => {
      if (!isObject(result) || result['type'] !== 'relation') return;
      const at = `${where}.result[${r}]`;
      const relation = readRelation(result, regionIds);
      if (typeof relation === 'string') return void parsed.problems.push({ origin: at, message: relation });
      const { type, from, to, bidirectional } = relation;
      const shared = [from, to].find((id) => sharedIds.has(id));
      if (shared !== undefined) return void parsed.problems.push({ origin: at, message: `two regions of this annotation have the id ${JSON.stringify(shared)}: which one the relation means cannot be told` });
      relations.push({ type, from: keyOf(from), to: keyOf(to), origin: at, ...(bidirectional ? { bidirectional } : {}) });
    });
  });
  const publication = publicationIn(data, origin, parsed.ignored);
  return {
    candidates: documentCandidates(task),
    text: offsets.normalized,
    spans,
    ...(relations.length > 0 ? { relations } : {}),
    origin,
    ...(publication ? { publication } : {}),
  };
}

/** `data.text`, or the only string field of `data` besides the source header fields Marginalia writes there. */
function taskText(data: Record<string, unknown>): string | undefined {
  if (typeof data['text'] === 'string') return data['text'];
  const header = new Set<string>(PUBLICATION_FIELDS);
  const strings = Object.entries(data).filter(([key, value]) => typeof value === 'string' && !header.has(key));
  return strings.length === 1 ? (strings[0]![1] as string) : undefined;
}

/** The annotations to import: `annotations` (or `completions`, Label Studio before 1.0), else `predictions`. */
function annotationList(task: Record<string, unknown>): { kind: string; list: unknown[] } {
  for (const kind of ['annotations', 'completions']) {
    const list = task[kind];
    if (Array.isArray(list) && list.length > 0) return { kind, list };
  }
  const predictions = task['predictions'];
  if (Array.isArray(predictions) && predictions.length > 0) return { kind: 'predictions', list: predictions };
  return { kind: 'annotations', list: [] };
}

/**
 * The document's path as the task gives it: `meta.source` (Marginalia's exports), the uploaded file's
 * name (`file_upload`, without the 8-character prefix Label Studio adds), else `task-<id>.txt`.
 */
function documentCandidates(task: Record<string, unknown>): string[] {
  const meta = task['meta'];
  if (isObject(meta) && typeof meta['source'] === 'string' && meta['source'] !== '') return [meta['source']];
  const upload = task['file_upload'];
  if (typeof upload === 'string' && upload !== '') return [upload.replace(/^[0-9a-f]{8}-/, '')];
  const id = task['id'];
  return typeof id === 'number' || typeof id === 'string' ? [`task-${id}.txt`] : [];
}

/**
 * Who made an annotation: `completed_by` is a user id in Label Studio's JSON export, or a user object
 * (`email`, `first_name`, `last_name`) in some of its exports and API answers.
 */
function authorOf(completedBy: unknown): string | undefined {
  if (typeof completedBy === 'number') return `Label Studio user ${completedBy}`;
  if (!isObject(completedBy)) return undefined;
  if (typeof completedBy['email'] === 'string' && completedBy['email'] !== '') return completedBy['email'];
  const names = [completedBy['first_name'], completedBy['last_name']].filter((n): n is string => typeof n === 'string' && n !== '');
  if (names.length) return names.join(' ');
  return typeof completedBy['id'] === 'number' ? `Label Studio user ${completedBy['id']}` : undefined;
}

/**
 * A region's label names (`value.labels`), and why each entry that is not one (a number, null, an
 * object, an empty string) is not imported; or why the list is not one.
 */
function regionLabels(value: unknown): { names: string[]; notLabels: string[] } | string {
  const given = isObject(value) ? value['labels'] : undefined;
  if (given === undefined) return { names: [], notLabels: [] };
  if (!Array.isArray(given)) return `value.labels is ${JSON.stringify(given)}, not a list of label names: not imported`;
  const isName = (label: unknown): label is string => typeof label === 'string' && label !== '';
  return {
    names: given.filter(isName),
    notLabels: given.flatMap((label: unknown, i) => (isName(label) ? [] : [`value.labels[${i}] is ${JSON.stringify(label)}, not a label name: not imported as a label`])),
  };
}

/** A region's span in the document's code points, or why it cannot be imported. */
function readRegion(
  result: Record<string, unknown>,
  labels: string[],
  offsets: TaskOffsets,
  notes: NoteCounter,
): { start: number; end: number; text: string; labels: string[]; note?: string } | string {
  const value = result['value'];
  if (!isObject(value) || !isOffset(value['start']) || !isOffset(value['end'])) return 'expected value: {"start", "end", "labels"} with offsets in the text';
  const [start, end] = [value['start'], value['end']];
  if (start >= end) return `the region ${start}..${end} is empty or reversed`;
  const quoted = typeof value['text'] === 'string' ? value['text'] : undefined;
  const byCodePoint = offsets.inCodePoints(start, end);
  let span: { start: number; end: number; text: string } | undefined;
  if (byCodePoint && (quoted === undefined || sameText(byCodePoint.raw, quoted))) {
    span = byCodePoint;
    if (quoted === undefined && offsets.readingsDiffer(start, end)) {
      notes.add('regions without value.text in a text with characters beyond U+FFFF (emoji): read in code points, as Label Studio writes them since 2022; check them if the export is older');
    }
  } else {
    const byUtf16 = offsets.inUtf16(start, end);
    if (quoted !== undefined && byUtf16 && sameText(byUtf16.raw, quoted)) {
      span = byUtf16;
      notes.add('regions counted in UTF-16 units (Label Studio before 2022): converted to code points, checked against value.text');
    } else {
      if (quoted === undefined) return `the region ${start}..${end} ends after the task's text (${offsets.rawLength} code points)`;
      const holds = byCodePoint ? `holds ${quoteForMessage(byCodePoint.raw, QUOTE_LENGTH)} at ${start}..${end}` : `has only ${offsets.rawLength} code points`;
      return `value.text is ${quoteForMessage(quoted, QUOTE_LENGTH)}, but the task's text ${holds} (counted in code points; counted in UTF-16 units it does not match either): not imported rather than imported at the wrong place`;
    }
  }
  const meta = result['meta'];
  const noteLines = isObject(meta) && Array.isArray(meta['text']) ? meta['text'].filter((t): t is string => typeof t === 'string') : [];
  return { ...span, labels, ...(noteLines.length ? { note: noteLines.join('\n') } : {}) };
}

/** Whether `value.text` is the text at the region, line ends aside (CRLF and LF are the same text to a reader). */
function sameText(atRegion: string, quoted: string): boolean {
  return atRegion === quoted || normalizeText(atRegion) === normalizeText(quoted);
}

/** A relation between two regions of the result, or why it cannot be imported. */
function readRelation(result: Record<string, unknown>, regionIds: ReadonlySet<string>): { type: string; from: string; to: string; bidirectional: boolean } | string {
  const end = (key: string): string | undefined => (typeof result[key] === 'string' || typeof result[key] === 'number' ? String(result[key]) : undefined);
  const [fromId, toId] = [end('from_id'), end('to_id')];
  if (fromId === undefined || toId === undefined) return 'expected a relation with "from_id" and "to_id"';
  const given: unknown[] = Array.isArray(result['labels']) ? result['labels'] : [];
  const notType = given.findIndex((l) => typeof l !== 'string');
  if (notType !== -1) return `the relation ${fromId} → ${toId}: labels[${notType}] is ${JSON.stringify(given[notType])}, not a relation type: not imported`;
  const labels = given as string[];
  if (labels.length === 0) return `the relation ${fromId} → ${toId} has no label; a Marginalia relation needs a type (give it one in Label Studio's <Relations>)`;
  if (labels.length > 1) return `the relation ${fromId} → ${toId} has ${labels.length} labels (${labels.join(', ')}); a Marginalia relation has one type`;
  const missing = [fromId, toId].find((id) => !regionIds.has(id));
  if (missing !== undefined) return `relation ${labels[0]}: region ${missing} is not a labelled text region of this annotation`;
  const direction = result['direction'] ?? 'right';
  if (typeof direction !== 'string' || !DIRECTIONS.has(direction)) return `relation ${labels[0]}: unknown direction ${JSON.stringify(direction)} (expected right, left or bi)`;
  const [from, to] = direction === 'left' ? [toId, fromId] : [fromId, toId];
  return { type: labels[0]!, from, to, bidirectional: direction === 'bi' };
}

/** How a report names a result: by its id, when it has one (`result "r1": `). */
function resultName(result: Record<string, unknown>): string {
  const id = result['id'];
  return typeof id === 'string' || typeof id === 'number' ? `result ${JSON.stringify(id)}: ` : '';
}

/** Why a result whose type Label Studio does not write is not imported. */
function unknownTypeReason(type: unknown): string {
  if (type === undefined) return 'the result has no "type": not imported';
  if (typeof type !== 'string') return `the result's "type" is ${JSON.stringify(type)}, not a Label Studio result type: not imported`;
  return `unknown result type ${JSON.stringify(type)} (expected "labels", "relation" or another Label Studio type): not imported`;
}

/** Why a result type is not imported, for the note. */
function resultTypeHint(type: unknown): string {
  if (type === 'hypertextlabels') return 'spans over HTML: not imported, only plain text regions are';
  return 'not spans: not imported';
}

/**
 * The task's text read both ways Label Studio has counted it, and the offsets moved onto the
 * normalised text (CRLF as LF, no BOM) that Marginalia counts in.
 */
class TaskOffsets {
  /** The task's text with CRLF read as LF and a BOM dropped. */
  readonly normalized: string;
  /** How many code points the task's text has as it is. */
  readonly rawLength: number;
  private readonly raw: OffsetIndex;
  private readonly normalizedIndex: OffsetIndex;
  /** The UTF-16 offsets in the task's text of what normalising drops (a BOM, the CR of each CRLF), ascending. */
  private readonly dropped: number[] = [];

  constructor(private readonly rawText: string) {
    this.raw = new OffsetIndex(rawText);
    this.rawLength = this.raw.length;
    this.normalized = normalizeText(rawText);
    this.normalizedIndex = new OffsetIndex(this.normalized);
    if (rawText.startsWith('\uFEFF')) this.dropped.push(0);
    for (let i = rawText.indexOf('\r\n'); i !== -1; i = rawText.indexOf('\r\n', i + 2)) this.dropped.push(i);
  }

  /** The region read in code points of the task's text, or undefined when it is outside it. */
  inCodePoints(start: number, end: number): Region | undefined {
    if (end > this.raw.length) return undefined;
    return this.moved(this.raw.toUtf16(start), this.raw.toUtf16(end));
  }

  /** The region read in UTF-16 units, or undefined when it is outside the text or cuts a character in two. */
  inUtf16(start: number, end: number): Region | undefined {
    if (end > this.rawText.length || this.raw.toUtf16(this.raw.toCodePoint(start)) !== start || this.raw.toUtf16(this.raw.toCodePoint(end)) !== end) return undefined;
    return this.moved(start, end);
  }

  /** Whether reading the offsets in code points or in UTF-16 units gives different spans. */
  readingsDiffer(start: number, end: number): boolean {
    return this.raw.toUtf16(start) !== start || this.raw.toUtf16(end) !== end;
  }

  /** A region given in UTF-16 units of the task's text, in code points of the normalised text. */
  private moved(utf16Start: number, utf16End: number): Region {
    const start = this.normalizedIndex.toCodePoint(utf16Start - lowerBound(this.dropped, utf16Start));
    const end = this.normalizedIndex.toCodePoint(utf16End - lowerBound(this.dropped, utf16End));
    return { start, end, text: this.normalizedIndex.slice(start, end), raw: this.rawText.slice(utf16Start, utf16End) };
  }
}

/** A region in code points of the normalised text, with its text there and in the task's text as it is. */
interface Region {
  start: number;
  end: number;
  text: string;
  raw: string;
}

/** Notes said once per file, with how many times they applied. */
class NoteCounter {
  private readonly counts = new Map<string, number>();

  add(note: string): void {
    this.counts.set(note, (this.counts.get(note) ?? 0) + 1);
  }

  /** Each note with its count, prefixed by the file's name. */
  summary(name: string): string[] {
    return [...this.counts].map(([note, count]) => `${name}: ${count} ${note}`);
  }
}
