/**
 * The extension, started the same way by both entry points (`node.ts` for the Node extension host,
 * `web.ts` for the web worker one of vscode.dev and github.dev): one annotation store for the
 * workspace, and everything that shows it or acts on it (decorations, hover, Problems panel, commands,
 * the entity tree, the status bar, the explorer badges and nesting, the review of annotation changes where git is at hand), each disposed
 * with the extension.
 */
import * as vscode from 'vscode';
import type { AdjudicateArgs, adjudicateVersions } from './adjudication/adjudicateCommand';
import { registerAdjudication, type Adjudication } from './adjudication/adjudication';
import { AnnotationStore } from './annotationStore';
import { COMMAND_IDS } from './commandIds';
import { registerCommands, type CommandHandler } from './commands';
import { CrossSources } from './crossSources';
import { DecorationController } from './decorations';
import { DiagnosticsController } from './diagnostics';
import { AnnotationHoverProvider } from './hover';
import { keepStoreInStep } from './keeping';
import { registerNavigation, type Navigation } from './navigation';
import { PendingChangesKeeper } from './pendingChanges';
import { RelationHints } from './relationHints';
import type { Review, ReviewCommandName, startReview } from './review/reviewCommands';
import { WorkspaceRelations } from './relations';
import { SuggestionController } from './suggestions';

/** What the extension returns from `activate`, for integration tests and other extensions. */
export interface MarginaliaApi {
  readonly version: string;
  /** Every annotated document of the workspace. */
  readonly store: AnnotationStore;
  /** The highlights in the editors (what was drawn, for tests). */
  readonly decorations: DecorationController;
  /** The Problems panel entries and their quick fixes. */
  readonly diagnostics: DiagnosticsController;
  /** The figures and quotes across documents (conflicts, prints of one quotation). */
  readonly sources: CrossSources;
  /** The hover over annotated spans. */
  readonly hover: AnnotationHoverProvider;
  /** The entity tree, the status bar, the explorer badges and nesting. */
  readonly navigation: Navigation;
  /** Unwritten annotation changes kept across a hot exit. */
  readonly pending: PendingChangesKeeper;
  /** The suggestions drawn in the editors. */
  readonly suggestions: SuggestionController;
  /** The relations between annotations, resolved across each workspace folder. */
  readonly relations: WorkspaceRelations;
  /** The inline hints of relations at their spans. */
  readonly relationHints: RelationHints;
  /** The review of annotation changes against a git revision (not in the web worker host: no git). */
  readonly review: Review | undefined;
  /** Adjudication: the disputes view, settling and the disputed spans' frames. */
  readonly adjudication: Adjudication;
}

/** What only some hosts can do, passed by the entry point of a host that can. */
export interface HostFeatures {
  /** The review of annotation changes against a git revision: it runs git (the Node host). */
  readonly review?: typeof startReview;
  /** Adjudicating two versions into the workspace: it runs git and writes through Node's `fs` (the Node host). */
  readonly adjudicate?: typeof adjudicateVersions;
}

/**
 * A command the host cannot run: hidden from menus by its `….available` context key, and saying why
 * when run anyway (a link, a keybinding, another extension).
 * @param what what it needs, as the sentence's subject
 */
function unavailable(what: string): CommandHandler {
  return () => {
    void vscode.window.showInformationMessage(`Marginalia: ${what} needs git and the local disk, which VS Code in the browser does not offer. Open the folder in VS Code on the desktop, or use the CLI.`);
    return undefined;
  };
}

/** The review's commands where the host cannot run git. */
const REVIEW_UNAVAILABLE: Record<ReviewCommandName, CommandHandler> = Object.fromEntries(
  (['reviewChanges', 'reviewAccept', 'reviewReject', 'reviewOpen', 'reviewClose'] as const).map((name) => [name, unavailable('reviewing annotation changes')]),
) as Record<ReviewCommandName, CommandHandler>;

/**
 * Start the extension; the entry point has set up what differs between hosts (`useLocalFiles`).
 * @param context the extension context
 * @param host what only this host can do
 */
export function startMarginalia(context: vscode.ExtensionContext, host: HostFeatures = {}): MarginaliaApi {
  const store = new AnnotationStore({ storageUri: context.storageUri });
  const sources = new CrossSources(store);
  const relations = new WorkspaceRelations(store);
  const decorations = new DecorationController(store);
  const diagnostics = new DiagnosticsController(store, sources, relations);
  const hover = new AnnotationHoverProvider(store, sources, relations);
  const relationHints = new RelationHints(store, relations);
  const suggestions = new SuggestionController(store);
  context.subscriptions.push(
    store,
    sources,
    relations,
    relationHints,
    decorations,
    suggestions,
    diagnostics,
    vscode.languages.registerHoverProvider({ pattern: '**' }, hover),
    ...keepStoreInStep(store),
  );
  const pending = new PendingChangesKeeper(store, context.storageUri);
  context.subscriptions.push(pending);
  const navigation = registerNavigation(context, store, sources, relations);
  const review = host.review?.(context, store);
  void vscode.commands.executeCommand('setContext', 'marginalia.review.available', review !== undefined);
  const adjudication = registerAdjudication(context, store, host.adjudicate ? (args?: AdjudicateArgs) => host.adjudicate!(store, args) : unavailable('adjudicating two versions'));
  void vscode.commands.executeCommand('setContext', 'marginalia.adjudicate.available', host.adjudicate !== undefined);
  registerCommands(context, store, sources, navigation.tree, suggestions, relations, review?.handlers ?? REVIEW_UNAVAILABLE, adjudication);
  if (vscode.workspace.getConfiguration('marginalia').get<boolean>('openAnnotatedDocumentsAtStartup')) {
    void vscode.commands.executeCommand(COMMAND_IDS.openAnnotatedDocuments);
  }
  return {
    version: context.extension.packageJSON.version as string,
    store,
    decorations,
    diagnostics,
    sources,
    hover,
    navigation,
    pending,
    suggestions,
    relations,
    relationHints,
    review: review?.review,
    adjudication,
  };
}
