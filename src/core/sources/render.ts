/**
 * The text output of `marginalia figures`, `conflicts` and `quotes`: one line per figure or print,
 * `file:line` first so that terminals and editors make it a link.
 */
import type { FigureGroup } from '../figures/conflicts';
import type { FigureEntry } from '../figures/figures';
import type { QuoteCluster } from '../quotes/clusters';

/**
 * What a figure says, in words: "more than 13,000 people", "13,500–16,500 USD".
 * @param f the figure
 */
export function describeFigure(f: FigureEntry): string {
  if (f.value === null) return 'no number read';
  // "30 NATO countries" reads as 30 countries of NATO: keep the words that qualify the unit.
  const unit = (f.unit && f.unit !== 'year' ? ` ${f.unit}` : '') + (f.counted && f.unit ? ` (${f.counted})` : '');
  const n = (x: number): string => x.toLocaleString('en-US', { maximumFractionDigits: 3 });
  switch (f.modifier) {
    case 'exact':
      return `${n(f.value)}${unit}`;
    case 'year':
      return `the year ${f.value}`;
    case 'more-than':
      return `more than ${n(f.value)}${unit}`;
    case 'at-least':
      return `at least ${n(f.value)}${unit}`;
    case 'less-than':
      return `less than ${n(f.value)}${unit}`;
    case 'at-most':
      return `at most ${n(f.value)}${unit}`;
    case 'nearly':
      return `just under ${n(f.value)}${unit} (${n(f.low!)} or more)`;
    case 'approximate':
      return `about ${n(f.value)}${unit} (${n(f.low!)}–${n(f.high!)})`;
    default:
      return `${n(f.low!)}–${n(f.high!)}${unit}`;
  }
}

function place(f: { file: string; line: number | null }): string {
  return `${f.file}${f.line === null ? '' : `:${f.line}`}`;
}

function outlet(o: string | null): string {
  return o ? `  [${o}]` : '';
}

/**
 * `marginalia figures` as text.
 * @param figures the figures
 */
export function renderFigures(figures: readonly FigureEntry[]): string {
  if (!figures.length) return 'no figures\n';
  const lines = figures.map((f) => `${place(f)}  ${JSON.stringify(f.text)}  ${describeFigure(f)}${f.entity ? `  entity ${f.entity}` : ''}${outlet(f.outlet)}`);
  return lines.join('\n') + `\n${figures.length} figure${figures.length === 1 ? '' : 's'}\n`;
}

/**
 * `marginalia conflicts` as text.
 * @param groups the groups
 */
export function renderGroups(groups: readonly FigureGroup[]): string {
  if (!groups.length) return 'no figures to compare\n';
  const out: string[] = [];
  for (const g of groups) {
    out.push(`${g.conflict ? 'CONFLICT' : 'agree'}  ${g.key} (${g.unit ?? 'no unit'}, ${g.figures.length} figures)`);
    for (const f of g.figures) out.push(`  ${place(f)}  ${describeFigure(f)}  ${JSON.stringify(f.text)}${outlet(f.outlet)}`);
  }
  const conflicts = groups.filter((g) => g.conflict).length;
  out.push(`${groups.length} group${groups.length === 1 ? '' : 's'}, ${conflicts} in conflict`);
  return out.join('\n') + '\n';
}

/**
 * `marginalia quotes` as text.
 * @param clusters the clusters
 */
export function renderClusters(clusters: readonly QuoteCluster[]): string {
  if (!clusters.length) return 'no quote printed more than once\n';
  const out: string[] = [];
  for (const c of clusters) {
    const head = c.key.length > 70 ? `${c.key.slice(0, 69)}…` : c.key;
    out.push(`"${head}"  ${c.members.length} prints${c.entity ? `, entity ${c.entity}` : ''}${c.speakers_agree ? '' : ', SPEAKERS DIFFER'}`);
    for (const m of c.members) out.push(`  ${place(m)}  ${m.speaker ?? '(no speaker)'}  ${JSON.stringify(m.text)}${outlet(m.outlet)}`);
  }
  out.push(`${clusters.length} quotation${clusters.length === 1 ? '' : 's'} printed more than once`);
  return out.join('\n') + '\n';
}
