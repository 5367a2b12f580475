/**
 * Nesting sidecars under their documents in the explorer, driven by `marginalia.explorer.nestSidecars`
 * (default true).
 *
 * What a user expects: in an annotated project, `a.txt.annotations.yaml` folds under `a.txt`, without
 * losing the nesting patterns they already have and without Marginalia fighting a choice they made.
 * So, in the workspace settings (the layout belongs to the project, and the user settings of other
 * projects stay untouched):
 * - at start, once the store has found sidecars, the pattern `"*": "${capture}.annotations.yaml"` is
 *   merged into `explorer.fileNesting.patterns` (appended to a `*` entry the user may already have)
 *   and `explorer.fileNesting.enabled` is turned on — unless nesting was explicitly turned off in the
 *   user or workspace settings, which is respected;
 * - turning the setting on explicitly does the same, even over an explicit "off";
 * - turning it off removes only the pattern Marginalia added, and turns nesting off again only if
 *   Marginalia had turned it on.
 * Nothing is written when the settings already say what is wanted, so the file does not churn.
 */
import * as vscode from 'vscode';
import { NESTING_KEY, hasSidecarPattern, withSidecarPattern, withoutSidecarPattern } from '../core/file-nesting';
import type { AnnotationSource } from './tree/annotationSource';
import { askUser } from './notify';

/** Setting: whether sidecars are nested under their documents in the explorer. */
export const NEST_SIDECARS_SETTING = 'marginalia.explorer.nestSidecars';
const PATTERNS = 'explorer.fileNesting.patterns';
const ENABLED = 'explorer.fileNesting.enabled';
/** workspaceState key: Marginalia turned `explorer.fileNesting.enabled` on in this workspace. */
const ENABLED_BY_US = 'marginalia.fileNesting.enabledByMarginalia';

type Patterns = Record<string, string>;

/**
 * Apply the setting at start and whenever it changes.
 * @param context the extension context (its workspace state remembers what Marginalia turned on)
 * @param source the annotation store (nothing is written in a workspace without sidecars)
 * @returns the listener, to dispose with the extension; `applied` settles once the start-up step is done
 */
export function registerFileNesting(
  context: vscode.ExtensionContext,
  source: AnnotationSource,
): vscode.Disposable & { applied: Promise<void> } {
  const applied = source.ready.then(async () => {
    if (wanted() && source.documents().length > 0 && !explicitlyOff()) await nest(context);
  });
  const listener = vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration(NEST_SIDECARS_SETTING)) return;
    void (wanted() ? nest(context) : unnest(context)).catch(report);
  });
  return { applied: applied.catch(report), dispose: () => listener.dispose() };
}

function wanted(): boolean {
  return vscode.workspace.getConfiguration().get<boolean>(NEST_SIDECARS_SETTING, false);
}

function explicitlyOff(): boolean {
  const enabled = vscode.workspace.getConfiguration().inspect<boolean>(ENABLED);
  return enabled?.globalValue === false || enabled?.workspaceValue === false;
}

async function nest(context: vscode.ExtensionContext): Promise<void> {
  if (!vscode.workspace.workspaceFolders?.length) return;
  const config = vscode.workspace.getConfiguration();
  const patterns = config.inspect<Patterns>(PATTERNS);
  const effective = config.get<Patterns>(PATTERNS)?.[NESTING_KEY];
  if (!hasSidecarPattern(effective)) {
    const own = patterns?.workspaceValue ?? {};
    await config.update(PATTERNS, { ...own, [NESTING_KEY]: withSidecarPattern(effective) }, vscode.ConfigurationTarget.Workspace);
  }
  if (config.get<boolean>(ENABLED) !== true) {
    await config.update(ENABLED, true, vscode.ConfigurationTarget.Workspace);
    await context.workspaceState.update(ENABLED_BY_US, true);
  }
}

async function unnest(context: vscode.ExtensionContext): Promise<void> {
  if (!vscode.workspace.workspaceFolders?.length) return;
  const config = vscode.workspace.getConfiguration();
  const own = config.inspect<Patterns>(PATTERNS)?.workspaceValue;
  if (own && hasSidecarPattern(own[NESTING_KEY])) {
    const rest = withoutSidecarPattern(own[NESTING_KEY]);
    const next: Patterns = { ...own };
    if (rest === undefined) delete next[NESTING_KEY];
    else next[NESTING_KEY] = rest;
    await config.update(PATTERNS, Object.keys(next).length > 0 ? next : undefined, vscode.ConfigurationTarget.Workspace);
  }
  if (context.workspaceState.get<boolean>(ENABLED_BY_US)) {
    await config.update(ENABLED, undefined, vscode.ConfigurationTarget.Workspace);
    await context.workspaceState.update(ENABLED_BY_US, undefined);
  }
}

function report(error: unknown): void {
  void askUser(
    'warning',
    `could not update the explorer's file nesting settings (${error instanceof Error ? error.message : String(error)}). ` +
      `Add "*": "\${capture}.annotations.yaml" to explorer.fileNesting.patterns yourself, or turn off ${NEST_SIDECARS_SETTING}.`,
  );
}
