/**
 * brat standoff: `.ann` files with their `.txt` beside them. `T` lines give spans (offsets in code
 * points; a discontinuous span's fragments must be separated by line breaks only, as Marginalia
 * writes spans across lines), `A` lines attributes (binary attributes read as "true"), `#` lines
 * with `AnnotatorNotes` the note, `R` lines relations between two spans (`R1<TAB>said-by Arg1:T2 Arg2:T1`)
 * and `*` lines equivalences (`*<TAB>Equiv T1 T2 T3`, a relation from the first span to each other).
 * Events and normalisations are not spans: they are reported and left out. Values are decoded as
 * the brat exporter encodes them.
 */
import { decodeBratToken, unescapeBratNote } from '../export/brat-codec';
import type { ImportedRelation, ImportedSpan, ParsedImport } from './types';

const TEXT_BOUND = /^(T\S*)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t?(.*)$/;
const ATTRIBUTE = /^(?:A|M)\S*\t(\S+) ([A-Z#*]\S*)(?: (\S+))?\s*$/;
const NOTE = /^#\S*\tAnnotatorNotes (T\S*)\t?(.*)$/;
const RELATION = /^(R\S*)\t(\S+) Arg1:(\S+) Arg2:(\S+)\s*$/;
const EQUIVALENCE = /^\*\S*\t(\S+)((?: \S+)+)\s*$/;

/**
 * Parse a brat collection.
 * @param files the folder's `.ann` and `.txt` files, paths relative to it with `/` separators
 */
export function parseBrat(files: readonly { path: string; content: string }[]): ParsedImport {
  const parsed: ParsedImport = { documents: [], problems: [], ignored: [] };
  const texts = new Map(files.filter((f) => f.path.endsWith('.txt')).map((f) => [f.path, f.content]));
  for (const file of [...files].filter((f) => f.path.endsWith('.ann')).sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const stem = file.path.slice(0, -'.ann'.length);
    const spans = new Map<string, ImportedSpan>();
    const ignored = new Map<string, number>();
    const lines = file.content.split(/\r?\n/);
    const later: { line: string; origin: string }[] = [];
    const relations: ImportedRelation[] = [];
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      const origin = `${file.path}:${i + 1}`;
      const t = TEXT_BOUND.exec(line);
      if (t) {
        const fragments = t[3]!.split(';').map((pair) => {
          const [start, end] = pair.split(' ').map(Number) as [number, number];
          return { start, end };
        });
        spans.set(t[1]!, {
          label: decodeBratToken(t[2]!),
          start: fragments[0]!.start,
          end: fragments[fragments.length - 1]!.end,
          text: t[4]!,
          ...(fragments.length > 1 ? { fragments } : {}),
          origin: `${origin} ${t[1]}`,
          key: t[1]!,
        });
      } else if (/^[AM#]/.test(line)) later.push({ line, origin });
      else if (RELATION.test(line)) {
        const [, id, type, from, to] = RELATION.exec(line)!;
        relations.push({ type: decodeBratToken(type!), from: from!, to: to!, origin: `${origin} ${id}` });
      } else if (EQUIVALENCE.test(line)) {
        const [, type, members] = EQUIVALENCE.exec(line)!;
        const [first, ...others] = members!.trim().split(' ');
        for (const other of others) relations.push({ type: decodeBratToken(type!), from: first!, to: other, origin });
      } else if (/^[RENT*]/.test(line)) ignored.set(line[0]!, (ignored.get(line[0]!) ?? 0) + 1);
      else parsed.problems.push({ origin, message: `not a brat annotation line: ${JSON.stringify(line.slice(0, 60))}` });
    });
    for (const { line, origin } of later) {
      const a = ATTRIBUTE.exec(line);
      const n = NOTE.exec(line);
      const span = spans.get((a ?? n)?.[a ? 2 : 1] ?? '');
      if (a && span) {
        span.attributes = { ...span.attributes, [decodeBratToken(a[1]!)]: a[3] === undefined ? 'true' : decodeBratToken(a[3]) };
      } else if (n && span) {
        span.note = span.note === undefined ? unescapeBratNote(n[2]!) : `${span.note}\n${unescapeBratNote(n[2]!)}`;
      } else if (line.startsWith('#')) {
        ignored.set('#', (ignored.get('#') ?? 0) + 1);
      } else if (a && /^[ER]/.test(a[2]!)) {
        // brat puts attributes on events (and relations): those are not imported, so neither are their attributes.
        const kind = `A${a[2]![0]}`;
        ignored.set(kind, (ignored.get(kind) ?? 0) + 1);
      } else parsed.problems.push({ origin, message: `the attribute line names no span of this file: ${JSON.stringify(line.slice(0, 60))}` });
    }
    for (const [kind, count] of ignored) {
      parsed.ignored.push(`${file.path}: ${count} ${KIND_NAMES[kind] ?? `${kind} line(s)`} not imported (${notImportedBecause(kind)})`);
    }
    const textPath = `${stem}.txt`;
    parsed.documents.push({
      // The exporter drops a `.txt` extension from the pair's name, and keeps any other (a.md -> a.md.txt).
      candidates: texts.has(textPath) ? [...new Set([textPath, stem])] : [stem],
      text: texts.get(textPath),
      spans: [...spans.values()],
      ...(relations.length > 0 ? { relations } : {}),
      origin: file.path,
    });
  }
  return parsed;
}

const KIND_NAMES: Record<string, string> = {
  R: 'relation line(s)',
  E: 'event line(s)',
  N: 'normalisation line(s)',
  '*': 'equivalence line(s)',
  '#': 'comment line(s)',
  T: 'text-bound line(s)',
  AE: 'attribute line(s) on events',
  AR: 'attribute line(s) on relations',
};

/** Why a kind of line is not imported. */
function notImportedBecause(kind: string): string {
  if (kind === 'AE') return 'events are not imported, so neither are their attributes';
  if (kind === 'AR') return 'Marginalia relations have no attributes';
  // brat's `#` lines are comments of any type (TDT keeps lemmas in them); only one kind is a note.
  if (kind === '#') return 'only AnnotatorNotes comments on spans are imported, as notes';
  return 'Marginalia imports spans, attributes and notes';
}
