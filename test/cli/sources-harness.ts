/**
 * The seeds and what \`marginalia figures\`, \`conflicts\` and \`quotes\` must find in them: the groups and
 * clusters written down, with the reasoning, in test/fixtures/sources/seeds-expected.json.
 */
import { readFileSync } from 'node:fs';
import { fixturePath } from '../fixture-path';
import { marginalia, type CliResult } from './cli-harness';
import { copyFolder, SETS, temporaryFolder } from './export-harness';

/** What the seeds hold, as seeds-expected.json writes it down. */
export interface Expected {
  groups: { key: string; unit: string; conflict: boolean; figures: string[] }[];
  not_grouped: Record<string, string>;
  clusters: { members: string[]; speakers_agree: boolean }[];
  not_clustered: Record<string, string>;
  outlets: Record<string, string | null>;
}
export const expected = JSON.parse(readFileSync(fixturePath('sources', 'seeds-expected.json'), 'utf8')) as Expected;

/**
 * "000:9a849699" for the figure or print with that id in seeds/000_….txt.
 * @param m a figure or print as the command prints it
 */
export const name = (m: { file: string; id: string }): string => `${m.file.slice(0, 3)}:${m.id}`;

/**
 * Run the CLI in a copy of the seeds.
 * @param args its arguments
 */
export async function inSeeds(args: string[]): Promise<CliResult> {
  const work = temporaryFolder('sources');
  try {
    copyFolder(SETS.seeds, work.dir);
    return await marginalia(args, work.dir);
  } finally {
    work.dispose();
  }
}
