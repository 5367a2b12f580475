/**
 * `marginalia check --require-reviewed REF`: the sidecars checked are compared with their versions at
 * the git revision REF, and each annotation changed since then must carry an accepted review made
 * for this change (core/review.ts). The comparison and the findings are core's; this reads REF.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { diffAnnotations, type SidecarSnapshot } from '../../core/diff';
import type { Git } from '../../core/io/git';
import type { Finding } from '../../core/model';
import { reviewFindings, reviewItems, type ReviewItem } from '../../core/review';
import { UsageError } from '../options';
import { describeUnreadable, readVersion } from '../versions';
import type { CheckedSidecar } from './check-relations';

/** Findings for a sidecar that is gone from the working tree: its path relative to the working folder. */
export interface GoneSidecar {
  path: string;
  findings: Finding[];
}

/**
 * Add to each checked sidecar the review findings of its annotations changed since `base`.
 * @param base the git revision the change is reviewed against
 * @param limits the PATHs checked (none: the working folder)
 * @param cwd the working folder
 * @param checked the sidecars checked and read: findings are added to theirs
 * @param git the git to read the revision with
 * @returns the findings of sidecars REF has that are no longer there (all their annotations removed)
 */
export async function addReviewFindings(base: string, limits: readonly string[], cwd: string, checked: readonly CheckedSidecar[], git?: Git): Promise<GoneSidecar[]> {
  const version = await readVersion(base, limits, cwd, { texts: false, git });
  if (!version.isRevision) throw new UsageError(`--require-reviewed takes a git revision (the pull request's base, such as origin/main), and '${base}' is a folder`);
  const gonePath = (key: string): string => path.relative(cwd, path.join(version.root, ...key.split('/')));
  const byKey = new Map<string, CheckedSidecar>();
  for (const c of checked) byKey.set(path.relative(version.root, await fs.realpath(c.sidecarPath)).split(path.sep).join('/'), c);
  // Compared with nothing, every record of a sidecar REF holds unreadable would need a review it cannot
  // be given; it is left out of the comparison, as `diff` leaves it out, with one error that says why.
  // One gone from the working tree since says so too: passed over, its removal would go unreviewed.
  const unreadable = new Map(version.unreadable.map((u) => [u.sidecar, u]));
  const gone: GoneSidecar[] = [];
  for (const [key, atBase] of unreadable) {
    const finding = unreadableAtBase(describeUnreadable(atBase), base);
    const c = byKey.get(key);
    if (c) c.findings.push(finding);
    else gone.push({ path: gonePath(key), findings: [finding] });
  }
  const before: SidecarSnapshot[] = version.documents.map((d) => ({ document: d.sidecar, annotations: d.annotations }));
  const after: SidecarSnapshot[] = [...byKey].filter(([key]) => !unreadable.has(key)).map(([key, c]) => ({ document: key, annotations: c.sidecar.annotations }));
  const items = new Map<string, ReviewItem[]>();
  for (const item of reviewItems(diffAnnotations(before, after))) items.set(item.document, [...(items.get(item.document) ?? []), item]);
  for (const [key, ofSidecar] of items) {
    const c = byKey.get(key);
    const findings = reviewFindings(ofSidecar, base, (id) => c?.recordLines.get(id));
    if (c) c.findings.push(...findings);
    else gone.push({ path: gonePath(key), findings });
  }
  return gone;
}

/** The finding of a checked sidecar whose version at `base` cannot be read: its changes cannot be reviewed. */
function unreadableAtBase(described: string, base: string): Finding {
  return {
    severity: 'error',
    code: 'review-base-unreadable',
    message: `its version at ${base} cannot be read (${described}), so its changes since ${base} cannot be compared or reviewed; mend it at ${base} or review this sidecar by hand`,
    line: 1,
    column: 1,
  };
}
