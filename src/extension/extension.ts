/**
 * The extension's entry point: one annotation store for the workspace, and everything that shows it
 * or acts on it (decorations, hover, Problems panel, commands, the entity tree, the status bar, the
 * explorer badges and nesting), each disposed with the extension.
 */
import * as vscode from 'vscode';
import { registerAdjudication, type Adjudication } from './adjudication/adjudication';
import { AnnotationStore } from './annotationStore';
import { COMMAND_IDS } from './commandIds';
import { registerCommands } from './commands';
import { CrossSources } from './crossSources';
import { DecorationController } from './decorations';
import { DiagnosticsController } from './diagnostics';
import { AnnotationHoverProvider } from './hover';
import { keepStoreInStep } from './keeping';
import { registerNavigation, type Navigation } from './navigation';
import { PendingChangesKeeper } from './pendingChanges';
import { RelationHints } from './relationHints';
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
  /** Adjudication: the disputes view, settling and the disputed spans' frames. */
  readonly adjudication: Adjudication;
}

/**
 * Start the extension.
 * @param context the extension context
 */
export function activate(context: vscode.ExtensionContext): MarginaliaApi {
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
  const adjudication = registerAdjudication(context, store);
  registerCommands(context, store, sources, navigation.tree, suggestions, relations, adjudication);
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
    adjudication,
  };
}

/** Nothing to do: every resource is in the context's subscriptions. */
export function deactivate(): void {}
