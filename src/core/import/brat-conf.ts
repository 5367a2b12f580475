/**
 * A label configuration (`.marginalia.yaml`) made from a brat collection's `annotation.conf`
 * (https://brat.nlplab.org/configuration.html), so that a brat corpus imports in one command into a
 * folder that has none: the `[entities]` become labels, the `[attributes]` of entities their
 * attributes, the `[relations]` relation types with the labels of each end and brat's
 * `<REL-TYPE>:symmetric` flag. Pure.
 */
import { Document, visit } from 'yaml';
import { isAttributeName, isLabelName } from '../names';
import { decodeBratToken } from '../export/brat-codec';

/** The configuration's text, and a note for each part of `annotation.conf` it could not take. */
export interface BratLabelConfig {
  /** The text of `.marginalia.yaml`. */
  text: string;
  /** What was left out, one sentence each. */
  notes: string[];
}

/** A label of the configuration made: its attributes, when `[attributes]` gives it any. */
interface LabelDefinition {
  attributes: Record<string, { type: 'enum'; values: string[] }>;
}

/** A brat line's comma-separated `Key:value|value` arguments. */
function bratArguments(rest: readonly string[]): Map<string, string[]> {
  return new Map(
    rest
      .join(' ')
      .split(',')
      .map((arg) => arg.trim().split(':'))
      .map(([key, value]) => [key ?? '', (value ?? '').split('|').filter((v) => v !== '')] as const),
  );
}

/**
 * Give the labels the attributes `[attributes]` declares for them, as enums of the values it lists
 * (a binary attribute, with no `Value:`, as the one value "true", which is how the importer reads
 * it). `Arg:<ENTITY>` means every label; attributes of events or relations are left out, as the
 * importer leaves out what they are attached to.
 */
function addAttributes(labels: Record<string, LabelDefinition | null>, lines: readonly string[], notes: string[]): void {
  for (const line of lines) {
    const [encoded, ...rest] = line.split(/\s+/);
    const name = decodeBratToken(encoded ?? '');
    const args = bratArguments(rest);
    const owners = (args.get('Arg') ?? []).flatMap((arg) => (arg === '<ENTITY>' ? Object.keys(labels) : [decodeBratToken(arg)])).filter((label) => label in labels);
    if (owners.length === 0) {
      notes.push(`attribute ${JSON.stringify(name)} is of no entity type the configuration keeps (events, relations); left out of the label configuration`);
      continue;
    }
    if (!isAttributeName(name)) {
      notes.push(`attribute ${JSON.stringify(name)} is not a valid attribute name; left out of the label configuration`);
      continue;
    }
    const values = args.get('Value')?.map(decodeBratToken) ?? ['true'];
    for (const owner of owners) {
      const label = (labels[owner] ??= { attributes: {} });
      label.attributes[name] = { type: 'enum', values: [...new Set([...(label.attributes[name]?.values ?? []), ...values])] };
    }
  }
}

/**
 * Make `.marginalia.yaml` from `annotation.conf`. Abstract entity types (`!Name`) are not labels;
 * `<ENTITY>` at an end, or a type that is not a label, allows any label; brat's own `<OVERLAP>` and other `<…>` lines are not
 * relation types; a type named on several lines allows the labels of all of them. brat's `Equiv`
 * is symmetric even without the flag, as brat assumes.
 * @param conf the text of `annotation.conf`
 */
export function labelConfigFromBratConf(conf: string): BratLabelConfig {
  const notes: string[] = [];
  const sections = new Map<string, string[]>();
  let section = '';
  for (const raw of conf.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, '').trim();
    const header = /^\[(\w+)\]$/.exec(line);
    if (header) section = header[1]!;
    else if (line !== '') sections.set(section, [...(sections.get(section) ?? []), line]);
  }
  const labels: Record<string, LabelDefinition | null> = {};
  // `[spans]` is the older name of `[entities]`, which brat still reads (its TDT corpus uses it).
  for (const line of [...(sections.get('entities') ?? []), ...(sections.get('spans') ?? [])]) {
    const name = decodeBratToken(line.split(/\s/)[0]!);
    if (name.startsWith('!')) continue;
    if (isLabelName(name)) labels[name] = null;
    else notes.push(`entity type ${JSON.stringify(name)} is not a valid label name; left out of the label configuration`);
  }
  const events = (sections.get('events') ?? []).map((line) => decodeBratToken(line.split(/\s/)[0]!)).filter((name) => !name.startsWith('!'));
  if (events.length > 0) notes.push(`event type${events.length === 1 ? '' : 's'} ${events.map((e) => JSON.stringify(e)).join(', ')} of [events] left out of the label configuration: Marginalia has no events, and the import reports their E lines`);
  addAttributes(labels, sections.get('attributes') ?? [], notes);
  const relations: Record<string, { from?: string[]; to?: string[]; symmetric?: true }> = {};
  for (const line of sections.get('relations') ?? []) {
    const [encoded, ...rest] = line.split(/\s+/);
    if (!encoded || encoded.startsWith('<')) continue;
    // Decoded as the importer decodes the type of each `R` line, so that the two name the same type.
    const name = decodeBratToken(encoded);
    if (!isLabelName(name)) {
      notes.push(`relation type ${JSON.stringify(name)} is not a valid relation type name; left out of the label configuration`);
      continue;
    }
    const args = bratArguments(rest);
    const type = (relations[name] ??= {});
    const end = (key: 'from' | 'to', values: readonly string[] | undefined): void => {
      // An end open to any entity (or not given, or naming a type [entities] does not declare, as
      // brat's CoNLL-X corpus names "Span") allows every label, whatever other lines say.
      const open = !values || values.length === 0 || values.some((v) => v === '<ENTITY>' || !(decodeBratToken(v) in labels));
      if (open) type[key] = [];
      else if (type[key]?.length !== 0) type[key] = [...new Set([...(type[key] ?? []), ...values.map(decodeBratToken)])];
    };
    end('from', args.get('Arg1'));
    end('to', args.get('Arg2'));
    if ((args.get('<REL-TYPE>') ?? []).some((t) => t.split('-').includes('symmetric')) || name === 'Equiv') type.symmetric = true;
  }
  for (const type of Object.values(relations)) {
    if (type.from?.length === 0) delete type.from;
    if (type.to?.length === 0) delete type.to;
  }
  const config = { labels, ...(Object.keys(relations).length > 0 ? { relations } : {}) };
  const document = new Document(config);
  // Lists of labels and each attribute on one line, `CASE: {type: enum, values: [Nom, Gen]}`: a
  // corpus's hundreds of attribute values stay readable instead of taking a line apiece.
  visit(document, {
    Seq: (_, seq) => void (seq.flow = true),
    Map: (_, map) => void (map.has('type') && (map.flow = true)),
  });
  const body = document.toString({ nullStr: '', lineWidth: 0, flowCollectionPadding: false });
  const text = `# Made by 'marginalia import --format brat' from the collection's annotation.conf.\n${body}`;
  return { text, notes };
}
