import { parseArgs } from 'node:util';
import { closestName } from './suggest';

/** A command-line mistake: the CLI prints the message and the command's usage, and exits 2. */
export class UsageError extends Error {}

/** Parsed command-line options of one command. */
export interface ParsedOptions {
  /** Boolean flags given, without their dashes. */
  flags: Set<string>;
  /** Options with values, without their dashes; an option given several times keeps every value. */
  values: Map<string, string[]>;
  /** Arguments that are not options. */
  positional: string[];
}

/**
 * Parse `--flag`, `--name value` and `--name=value` options with `node:util`'s `parseArgs`.
 * Its tokens are read here rather than its strict mode's errors, so that messages name the option as
 * typed and suggest the option meant ("did you mean `--fix`?").
 * @param args the command's arguments
 * @param spec the flags and the valued options the command accepts
 * @throws UsageError for an unknown option, a flag given a value or a missing value
 */
export function parseOptions(args: string[], spec: { flags?: string[]; values?: string[] }): ParsedOptions {
  const flagNames = spec.flags ?? [];
  const valueNames = spec.values ?? [];
  const known = [...flagNames, ...valueNames];
  const options = Object.fromEntries([
    ...flagNames.map((name) => [name, { type: 'boolean' as const, multiple: true }]),
    ...valueNames.map((name) => [name, { type: 'string' as const, multiple: true }]),
  ]);
  const { tokens } = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true });
  const parsed: ParsedOptions = { flags: new Set(), values: new Map(), positional: [] };
  for (const token of tokens) {
    if (token.kind === 'positional') parsed.positional.push(token.value);
    else if (token.kind === 'option') {
      const typed = token.rawName;
      if (!typed.startsWith('--') || !known.includes(token.name)) {
        const suggestion = closestName(typed.replace(/^-+/, ''), known);
        throw new UsageError(`unknown option '${typed}'${suggestion === undefined ? '' : `; did you mean '--${suggestion}'?`}`);
      }
      if (flagNames.includes(token.name) && token.inlineValue) throw new UsageError(`option --${token.name} takes no value`);
      if (flagNames.includes(token.name)) parsed.flags.add(token.name);
      else if (token.value === undefined) throw new UsageError(`option --${token.name} needs a value`);
      else parsed.values.set(token.name, [...(parsed.values.get(token.name) ?? []), token.value]);
    }
  }
  return parsed;
}

/**
 * The output format a command is asked for: the last `--format`, `json` for `--json`, else the
 * first format allowed (the default).
 * @param options the parsed options (`json` a flag, `format` a valued option)
 * @param allowed the formats the command prints, its default first
 * @throws UsageError for a format not allowed, or `--json` with another `--format`
 */
export function chosenFormat<F extends string>(options: ParsedOptions, allowed: readonly [F, ...F[]]): F {
  const json = options.flags.has('json');
  const formats = options.values.get('format');
  const format = formats?.[formats.length - 1] ?? (json ? 'json' : allowed[0]);
  if (!(allowed as readonly string[]).includes(format)) throw new UsageError(`unknown format '${format}': use ${allowed.join(', ')}`);
  if (json && format !== 'json') throw new UsageError(`--json and --format ${format} contradict each other`);
  return format as F;
}

/**
 * Write a command's usage when `--help` was given.
 * @returns whether it was: the command then has nothing more to do and exits 0
 */
export function wroteHelp(options: ParsedOptions, usage: string, out: { write(text: string): unknown }): boolean {
  if (!options.flags.has('help')) return false;
  out.write(usage);
  return true;
}
