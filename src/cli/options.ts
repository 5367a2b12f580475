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
 * Parse `--flag`, `--name value` and `--name=value` options.
 * @param args the command's arguments
 * @param spec the flags and the valued options the command accepts
 * @throws UsageError for an unknown option or a missing value
 */
export function parseOptions(args: string[], spec: { flags?: string[]; values?: string[] }): ParsedOptions {
  const flagNames = new Set(spec.flags ?? []);
  const valueNames = new Set(spec.values ?? []);
  const parsed: ParsedOptions = { flags: new Set(), values: new Map(), positional: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      parsed.positional.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}'`);
      parsed.positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (flagNames.has(name) && inline === undefined) parsed.flags.add(name);
    else if (valueNames.has(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`option --${name} needs a value`);
      parsed.values.set(name, [...(parsed.values.get(name) ?? []), value]);
    } else throw new UsageError(`unknown option '--${name}'`);
  }
  return parsed;
}
