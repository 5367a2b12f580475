/**
 * The CLI's reading of a version (core/io/versions.ts): a name that is neither a folder nor a
 * revision is a usage error (exit 2, with the command's usage).
 */
import { readVersion as readVersionOf, readVersions as readVersionsOf, VersionError, type Version, type VersionOptions } from '../core/io/versions';
import { UsageError } from './options';

export { comparableDocuments, describeUnreadable, type Version, type VersionDocument } from '../core/io/versions';

/**
 * Read a version's sidecars (and documents), as `readVersion` of core/io/versions.ts does.
 * @param name a folder or a git revision
 * @param limits PATHs the comparison is limited to (none: everything)
 * @param cwd the working folder
 * @param options what else to read
 * @throws UsageError when the name is neither a folder nor a revision
 */
export function readVersion(name: string, limits: readonly string[], cwd: string, options?: VersionOptions): Promise<Version> {
  return asUsageError(readVersionOf(name, limits, cwd, options));
}

/**
 * Read several versions at once, as `readVersions` of core/io/versions.ts does.
 * @param names folders or git revisions
 * @param limits PATHs the comparison is limited to (none: everything)
 * @param cwd the working folder
 * @param options what else to read
 * @returns the versions, in the order of `names`
 * @throws UsageError for the first name, in their order, that is neither a folder nor a revision
 */
export function readVersions(names: readonly string[], limits: readonly string[], cwd: string, options?: VersionOptions): Promise<Version[]> {
  return asUsageError(readVersionsOf(names, limits, cwd, options));
}

/** A read whose VersionError (a name neither a folder nor a revision) becomes a usage error. */
async function asUsageError<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    throw error instanceof VersionError ? new UsageError(error.message) : error;
  }
}
