/**
 * The label configuration: `.marginalia.yaml` at a workspace folder's root defines the labels
 * annotators choose from and the typed attributes of each. Without the file, or when it is unusable,
 * the defaults apply (claim, quote, figure). It also defines the relation types annotations may link
 * by (`relations:`; the defaults are in `relations/types.ts`). Parsing never throws: every problem is a finding with its
 * line; any error (as opposed to a warning) makes the whole file fall back to the defaults, so that a
 * half-read configuration never passes for the project's labels. The shape is documented in
 * docs/format.md.
 */

import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Node as YamlNode, type Pair } from 'yaml';
import type { AttributeSpec, AttributeType, Finding, LabelConfig, LabelSpec, LabelSuggestSpec, RelationTypeSpec, Severity } from './model';
import { isAttributeName, isLabelName } from './names';
import { patternProblem } from './suggestions/pattern-safety';

/** The configuration's file name, at the root of a workspace folder. */
export const LABEL_CONFIG_FILE = '.marginalia.yaml';

/** Largest configuration file read, in UTF-16 code units (1 Mi). */
export const MAX_CONFIG_LENGTH = 1024 * 1024;

/** The labels used when a workspace has no usable configuration. Frozen: copy it to change it. */
export const DEFAULT_LABEL_CONFIG: LabelConfig = deepFreeze({
  labels: [
    {
      id: 'claim',
      description: 'A factual assertion that can be checked',
      key: 'c',
      attributes: [{ name: 'source', type: 'text', required: false, description: 'Who makes the claim' }],
    },
    {
      id: 'quote',
      description: 'Words attributed to a speaker',
      key: 'q',
      attributes: [{ name: 'speaker', type: 'text', required: false, description: 'Who is quoted' }],
    },
    {
      id: 'figure',
      description: 'A number with its unit and what it measures',
      key: 'f',
      attributes: [
        { name: 'value', type: 'number', required: false, description: 'The number, in digits' },
        { name: 'unit', type: 'text', required: false, description: 'Unit or currency (people, %, USD)' },
        { name: 'subject', type: 'text', required: false, description: 'What is counted or measured' },
      ],
    },
  ],
});

const LABEL_KEYS = ['id', 'description', 'examples', 'color', 'key', 'attributes', 'suggest'];
const ATTRIBUTE_KEYS = ['name', 'type', 'required', 'values', 'description', 'examples'];
const SUGGEST_KEYS = ['builtin', 'patterns', 'terms', 'cues'];
const RELATION_KEYS = ['id', 'description', 'from', 'to', 'symmetric'];
const ATTRIBUTE_TYPES: readonly AttributeType[] = ['text', 'number', 'enum'];
const DEFAULTS_USED = 'the default labels (claim, quote, figure) are used until it is fixed';

/**
 * Parse the text of `.marginalia.yaml`.
 * @param source the file's text
 * @returns the configuration (the defaults when the file defines no usable label) and its findings
 */
export function parseLabelConfig(source: string): { config: LabelConfig; findings: Finding[] } {
  const findings: Finding[] = [];
  const defaults = () => ({ config: copyConfig(DEFAULT_LABEL_CONFIG), findings });
  const report = (severity: Severity, code: string, message: string, line = 1, column = 1) =>
    findings.push({ severity, code, message, line, column });

  if (source.length > MAX_CONFIG_LENGTH) {
    report('error', 'config-too-large', `${LABEL_CONFIG_FILE} is over ${MAX_CONFIG_LENGTH / 1024} K characters; ${DEFAULTS_USED}`);
    return defaults();
  }
  const lineCounter = new LineCounter();
  // The yaml package breaks lines at LF only: a lone CR (classic Mac OS line ends) is made LF, same offsets.
  const doc = parseDocument(source.replace(/\r(?!\n)/g, '\n'), { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (node: unknown): { line: number; column: number } => {
    const offset = (node as YamlNode | null)?.range?.[0] ?? 0;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const nodeReport = (severity: Severity, code: string, message: string, node: unknown) => {
    const { line, column } = at(node);
    report(severity, code, message, line, column);
  };
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const { line, col: column } = lineCounter.linePos(error.pos[0]);
      report('error', 'config-syntax', `YAML syntax error in ${LABEL_CONFIG_FILE}: ${firstLine(error.message)}; ${DEFAULTS_USED}`, line, column);
    }
    return defaults();
  }

  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) {
    report('warning', 'config-no-labels', `${LABEL_CONFIG_FILE} is empty; the default labels (claim, quote, figure) are used`);
    return defaults();
  }
  if (!isMap(root)) {
    nodeReport('error', 'config-invalid', `${LABEL_CONFIG_FILE} must be a map with a \`labels:\` key; ${DEFAULTS_USED}`, root);
    return defaults();
  }
  let labelsNode: unknown;
  let relationsNode: unknown;
  for (const pair of root.items as Pair<YamlNode, YamlNode | null>[]) {
    const key = scalarString(pair.key);
    if (key === 'labels') labelsNode = pair.value;
    else if (key === 'relations') relationsNode = pair.value;
    else nodeReport('warning', 'config-unknown-key', `unknown key "${key ?? '?'}" in ${LABEL_CONFIG_FILE}; it is ignored (known: labels, relations)`, pair.key);
  }
  const entries = labelEntries(labelsNode, root, nodeReport);
  const labels: LabelSpec[] = [];
  for (const entry of entries) {
    const label = readLabel(entry, nodeReport);
    if (!label) continue;
    if (labels.some((l) => l.id === label.id)) {
      nodeReport('error', 'config-invalid', `label "${label.id}" is defined twice; ${DEFAULTS_USED}`, entry.node ?? entry.keyNode);
      continue;
    }
    const sameKey = label.key !== undefined ? labels.find((l) => l.key === label.key) : undefined;
    if (sameKey)
      nodeReport('warning', 'config-duplicate-key', `labels "${sameKey.id}" and "${label.id}" both use the key "${label.key}"; give each its own`, entry.node ?? entry.keyNode);
    labels.push(label);
  }
  const relations = readRelationTypes(relationsNode, new Set(labels.map((label) => label.id)), nodeReport);
  if (findings.some((f) => f.severity === 'error')) return defaults();
  if (labels.length === 0) {
    if (labelsNode === undefined) nodeReport('error', 'config-invalid', `${LABEL_CONFIG_FILE} has no \`labels:\` key; ${DEFAULTS_USED}`, root);
    else nodeReport('warning', 'config-no-labels', `${LABEL_CONFIG_FILE} defines no labels; the default labels (claim, quote, figure) are used`, labelsNode ?? root);
    return defaults();
  }
  return { config: { labels, ...(relations ? { relations } : {}) }, findings };
}

type NodeReport = (severity: Severity, code: string, message: string, node: unknown) => void;

/** One label's (or relation type's) definition: from a map entry (`claim: {...}`) or a list item (`- id: claim`). */
interface LabelEntry {
  id: string | undefined;
  keyNode: unknown;
  node: unknown;
}

function labelEntries(labelsNode: unknown, root: unknown, report: NodeReport): LabelEntry[] {
  if (labelsNode === undefined || labelsNode === null || (isScalar(labelsNode) && labelsNode.value === null)) return [];
  if (isMap(labelsNode))
    return (labelsNode.items as Pair<YamlNode, YamlNode | null>[]).map((pair) => ({
      id: scalarString(pair.key),
      keyNode: pair.key,
      node: pair.value,
    }));
  if (isSeq(labelsNode))
    return labelsNode.items.map((item) => {
      const idNode = isMap(item) ? (item.get('id', true) as unknown) : undefined;
      return { id: scalarString(idNode), keyNode: idNode ?? item, node: item };
    });
  report('error', 'config-invalid', `labels must be a map of label names to definitions (or a list of definitions with an id); ${DEFAULTS_USED}`, labelsNode ?? root);
  return [];
}

/**
 * The relation types of `relations:`, a map of name → definition or a list of definitions with `id`;
 * undefined when the key is absent or empty (the defaults apply then).
 * @param labelIds the labels defined, which `from` and `to` name
 */
function readRelationTypes(node: unknown, labelIds: ReadonlySet<string>, report: NodeReport): RelationTypeSpec[] | undefined {
  if (node === undefined || node === null || (isScalar(node) && node.value === null)) return undefined;
  let entries: LabelEntry[];
  if (isMap(node)) entries = (node.items as Pair<YamlNode, YamlNode | null>[]).map((pair) => ({ id: scalarString(pair.key), keyNode: pair.key, node: pair.value }));
  else if (isSeq(node))
    entries = node.items.map((item) => {
      const idNode = isMap(item) ? (item.get('id', true) as unknown) : undefined;
      return { id: scalarString(idNode), keyNode: idNode ?? item, node: item };
    });
  else {
    report('error', 'config-invalid', `relations must be a map of relation type names to definitions (or a list of definitions with an id); ${DEFAULTS_USED}`, node);
    return undefined;
  }
  const types: RelationTypeSpec[] = [];
  for (const entry of entries) {
    const type = readRelationType(entry, labelIds, report);
    if (!type) continue;
    if (types.some((t) => t.id === type.id)) report('error', 'config-invalid', `relation type "${type.id}" is defined twice; ${DEFAULTS_USED}`, entry.keyNode);
    else types.push(type);
  }
  return types;
}

function readRelationType(entry: LabelEntry, labelIds: ReadonlySet<string>, report: NodeReport): RelationTypeSpec | undefined {
  const { id, node } = entry;
  if (id === undefined || !isLabelName(id)) {
    report(
      'error',
      'config-invalid',
      `a relation type needs a name made of letters, digits, "_", "-" or "." (got ${id === undefined ? 'none' : JSON.stringify(id)}); ${DEFAULTS_USED}`,
      entry.keyNode,
    );
    return undefined;
  }
  const type: RelationTypeSpec = { id, description: id, symmetric: false };
  if (node === null || node === undefined || (isScalar(node) && node.value === null)) return type;
  if (!isMap(node)) {
    report('error', 'config-invalid', `relation type "${id}" must be a map (description:, from:, to:, symmetric:); ${DEFAULTS_USED}`, node);
    return undefined;
  }
  const where = `relation type "${id}"`;
  for (const pair of node.items as Pair<YamlNode, YamlNode | null>[]) {
    const key = scalarString(pair.key);
    const value = pair.value;
    switch (key) {
      case 'id':
        break;
      case 'description': {
        const text = expectString(value, `${where}: description`, report);
        if (text !== undefined) type.description = text;
        break;
      }
      case 'from':
      case 'to': {
        if (value === null || (isScalar(value) && value.value === null)) break; // set to nothing: any label
        const labels = isSeq(value) ? value.items.map(scalarString) : [];
        if (!isSeq(value) || labels.some((label) => label === undefined)) {
          report('error', 'config-invalid', `${where}: ${key} must be a list of labels such as [claim, figure] (leave it out to allow any label); ${DEFAULTS_USED}`, value);
          break; // the whole configuration falls back to the defaults; the other keys are still checked
        }
        type[key] = labels as string[];
        const unknown = (labels as string[]).filter((label) => !labelIds.has(label));
        if (unknown.length > 0)
          report('warning', 'config-invalid', `${where}: ${key} names ${unknown.map((l) => `"${l}"`).join(', ')}, not a label of this configuration; no annotation can stand at that end with it`, value);
        break;
      }
      case 'symmetric':
        if (isScalar(value) && typeof value.value === 'boolean') type.symmetric = value.value;
        else report('error', 'config-invalid', `${where}: symmetric must be true or false; ${DEFAULTS_USED}`, value);
        break;
      default:
        report('warning', 'config-unknown-key', `unknown key "${key ?? '?'}" in ${where}; it is ignored (known: ${RELATION_KEYS.join(', ')})`, pair.key);
    }
  }
  return type;
}

function readLabel(entry: LabelEntry, report: NodeReport): LabelSpec | undefined {
  const { id, node } = entry;
  if (id === undefined || !isLabelName(id)) {
    report(
      'error',
      'config-invalid',
      `a label needs a name made of letters, digits, "_", "-" or "." (got ${id === undefined ? 'none' : JSON.stringify(id)}); ${DEFAULTS_USED}`,
      entry.keyNode,
    );
    return undefined;
  }
  const label: LabelSpec = { id, description: id, attributes: [] };
  if (node === null || node === undefined || (isScalar(node) && node.value === null)) return label;
  if (!isMap(node)) {
    report('error', 'config-invalid', `label "${id}" must be a map (description:, color:, key:, attributes:); ${DEFAULTS_USED}`, node);
    return undefined;
  }
  for (const pair of node.items as Pair<YamlNode, YamlNode | null>[]) {
    const key = scalarString(pair.key);
    const value = pair.value;
    const where = `label "${id}"`;
    switch (key) {
      case 'id':
        break;
      case 'description': {
        const text = expectString(value, `${where}: description`, report);
        if (text !== undefined) label.description = text;
        break;
      }
      case 'color': {
        const text = expectString(value, `${where}: color`, report);
        if (text !== undefined && isPlainCssColor(text)) label.color = text;
        else if (text !== undefined)
          report('warning', 'config-invalid', `${where}: color must be a CSS colour such as #ffcc00, rgba(255, 204, 0, 0.3) or orange, got ${JSON.stringify(text)}; the theme colour is used`, value);
        break;
      }
      case 'key': {
        const text = expectString(value, `${where}: key`, report);
        if (text !== undefined && [...text].length === 1) label.key = text;
        else if (text !== undefined) report('warning', 'config-invalid', `${where}: key must be a single character, got ${JSON.stringify(text)}; it is ignored`, value);
        break;
      }
      case 'examples': {
        const examples = expectStrings(value, `${where}: examples`, report);
        if (examples) label.examples = examples;
        break;
      }
      case 'attributes':
        label.attributes = readAttributes(value, id, report);
        break;
      case 'suggest': {
        const suggest = readSuggest(value, where, report);
        if (suggest) label.suggest = suggest;
        break;
      }
      default:
        report('warning', 'config-unknown-key', `unknown key "${key ?? '?'}" in ${where}; it is ignored (known: ${LABEL_KEYS.join(', ')})`, pair.key);
    }
  }
  return label;
}

function readAttributes(node: unknown, labelId: string, report: NodeReport): AttributeSpec[] {
  if (node === null || node === undefined || (isScalar(node) && node.value === null)) return [];
  let entries: { name: string | undefined; nameNode: unknown; node: unknown }[];
  if (isMap(node))
    entries = (node.items as Pair<YamlNode, YamlNode | null>[]).map((pair) => ({ name: scalarString(pair.key), nameNode: pair.key, node: pair.value }));
  else if (isSeq(node))
    entries = node.items.map((item) => {
      const nameNode = isMap(item) ? (item.get('name', true) as unknown) : undefined;
      return { name: scalarString(nameNode), nameNode: nameNode ?? item, node: item };
    });
  else {
    report(
      'error',
      'config-invalid',
      `attributes of label "${labelId}" must be a map of attribute names to {type, required, values, description} (or a list of those with a name); ${DEFAULTS_USED}`,
      node,
    );
    return [];
  }
  const specs: AttributeSpec[] = [];
  for (const entry of entries) {
    const where = `attribute "${entry.name ?? '?'}" of label "${labelId}"`;
    if (entry.name === undefined || !isAttributeName(entry.name)) {
      report('error', 'config-invalid', `${where}: an attribute needs a name made of letters, digits, "_" and "-"; ${DEFAULTS_USED}`, entry.nameNode);
      continue;
    }
    if (specs.some((spec) => spec.name === entry.name)) {
      report('error', 'config-invalid', `${where} is defined twice; ${DEFAULTS_USED}`, entry.nameNode);
      continue;
    }
    const spec = readAttribute(entry.name, entry.node, where, report);
    if (spec) specs.push(spec);
  }
  return specs;
}

function readAttribute(name: string, node: unknown, where: string, report: NodeReport): AttributeSpec | undefined {
  const spec: AttributeSpec = { name, type: 'text', required: false };
  if (node === null || node === undefined || (isScalar(node) && node.value === null)) return spec;
  if (!isMap(node)) {
    report('error', 'config-invalid', `${where} must be a map such as {type: number, required: true}; ${DEFAULTS_USED}`, node);
    return undefined;
  }
  let valuesNode: unknown;
  for (const pair of node.items as Pair<YamlNode, YamlNode | null>[]) {
    const key = scalarString(pair.key);
    const value = pair.value;
    switch (key) {
      case 'name':
        break;
      case 'type': {
        const type = expectString(value, `${where}: type`, report);
        if (type === undefined) return undefined;
        if (!(ATTRIBUTE_TYPES as readonly string[]).includes(type)) {
          report('error', 'config-invalid', `${where}: type must be text, number or enum, got ${JSON.stringify(type)}; ${DEFAULTS_USED}`, value);
          return undefined;
        }
        spec.type = type as AttributeType;
        break;
      }
      case 'required':
        if (isScalar(value) && typeof value.value === 'boolean') spec.required = value.value;
        else report('error', 'config-invalid', `${where}: required must be true or false; ${DEFAULTS_USED}`, value);
        break;
      case 'description': {
        const text = expectString(value, `${where}: description`, report);
        if (text !== undefined) spec.description = text;
        break;
      }
      case 'values':
        valuesNode = value;
        break;
      case 'examples': {
        const examples = expectStrings(value, `${where}: examples`, report);
        if (examples) spec.examples = examples;
        break;
      }
      default:
        report('warning', 'config-unknown-key', `unknown key "${key ?? '?'}" in ${where}; it is ignored (known: ${ATTRIBUTE_KEYS.join(', ')})`, pair.key);
    }
  }
  if (spec.type !== 'enum') {
    if (valuesNode !== undefined) report('warning', 'config-invalid', `${where}: values only apply to type enum; they are ignored`, valuesNode);
    return spec;
  }
  // Values are texts; `[1, 2, true]` is taken as written (YAML would make numbers and booleans of them).
  const values = isSeq(valuesNode) ? valuesNode.items.map((item) => (isScalar(item) && item.value !== null ? (item.source ?? String(item.value)) : undefined)) : [];
  const strings = values.filter((v): v is string => typeof v === 'string');
  if (strings.length === 0 || strings.length !== values.length) {
    report('error', 'config-invalid', `${where}: an enum needs values, a list of texts such as [for, against]; ${DEFAULTS_USED}`, valuesNode ?? node);
    return undefined;
  }
  spec.values = strings;
  return spec;
}

/**
 * A label's `suggest:` map. A pattern that is not a valid regular expression, or one that could take
 * exponential time (see `pattern-safety.ts`), is an error: the project meant it to find spans.
 */
function readSuggest(node: unknown, where: string, report: NodeReport): LabelSuggestSpec | undefined {
  if (!isMap(node)) {
    report('error', 'config-invalid', `${where}: suggest must be a map (builtin:, patterns:, terms:, cues:); ${DEFAULTS_USED}`, node);
    return undefined;
  }
  const spec: LabelSuggestSpec = { builtin: true, patterns: [], terms: [] };
  for (const pair of node.items as Pair<YamlNode, YamlNode | null>[]) {
    const key = scalarString(pair.key);
    const value = pair.value;
    switch (key) {
      case 'builtin':
        if (isScalar(value) && typeof value.value === 'boolean') spec.builtin = value.value;
        else report('error', 'config-invalid', `${where}: suggest.builtin must be true or false; ${DEFAULTS_USED}`, value);
        break;
      case 'patterns': {
        const patterns = expectStrings(value, `${where}: suggest.patterns`, report) ?? [];
        const items = isSeq(value) ? value.items : [];
        patterns.forEach((pattern, i) => {
          const problem = patternProblem(pattern);
          if (problem) report('error', 'config-pattern', `${where}: the pattern ${JSON.stringify(pattern)} is refused: ${problem}; ${DEFAULTS_USED}`, items[i] ?? value);
          else spec.patterns.push(pattern);
        });
        break;
      }
      case 'terms':
        spec.terms = (expectStrings(value, `${where}: suggest.terms`, report) ?? []).filter((term) => term.trim() !== '');
        break;
      case 'cues':
        spec.cues = (expectStrings(value, `${where}: suggest.cues`, report) ?? []).filter((cue) => cue.trim() !== '');
        break;
      default:
        report('warning', 'config-unknown-key', `unknown key "${key ?? '?'}" in ${where}: suggest; it is ignored (known: ${SUGGEST_KEYS.join(', ')})`, pair.key);
    }
  }
  return spec;
}

/** A list of texts (`[a, b]`); numbers are taken as written. */
function expectStrings(node: unknown, what: string, report: NodeReport): string[] | undefined {
  const items = isSeq(node) ? node.items.map((item) => (isScalar(item) && item.value !== null && typeof item.value !== 'object' ? (typeof item.value === 'string' ? item.value : (item.source ?? String(item.value))) : undefined)) : undefined;
  if (!items || items.some((item) => item === undefined)) {
    report('error', 'config-invalid', `${what} must be a list of texts such as [a, b]; ${DEFAULTS_USED}`, node);
    return undefined;
  }
  return items as string[];
}

function expectString(node: unknown, what: string, report: NodeReport): string | undefined {
  if (isAlias(node)) {
    report('error', 'config-invalid', `${what}: YAML aliases are not supported here; write the value out`, node);
    return undefined;
  }
  if (isScalar(node) && typeof node.value === 'string') return node.value;
  report('error', 'config-invalid', `${what} must be text; ${DEFAULTS_USED}`, node);
  return undefined;
}

function scalarString(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const value = node.value;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function copyConfig(config: LabelConfig): LabelConfig {
  return {
    labels: config.labels.map((label) => ({
      ...label,
      attributes: label.attributes.map((a) => ({ ...a, ...(a.values ? { values: [...a.values] } : {}) })),
      ...(label.examples ? { examples: [...label.examples] } : {}),
    })),
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * Whether a configured colour is a plain CSS colour: a hex colour, a name, or an rgb/hsl function of
 * numbers. It ends up in the editor's CSS, so anything else (a `url(...)`, a `;`) must not get through.
 * @param text the configured value
 */
export function isPlainCssColor(text: string): boolean {
  return /^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,30}|(rgb|rgba|hsl|hsla)\(\s*[-\d.%\s,/]+\))$/.test(text.trim());
}
