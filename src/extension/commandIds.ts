/**
 * Every command the extension registers, in one table: package.json contributes exactly these (an
 * integration test compares the two and what VS Code has registered), `registerCommands` gives each
 * one its handler, and the hover, the quick fixes, the tree and the status bar name them from here.
 */
export const COMMAND_IDS = {
  tagClaim: 'marginalia.tagClaim',
  tagQuote: 'marginalia.tagQuote',
  tagFigure: 'marginalia.tagFigure',
  tagSelection: 'marginalia.tagSelection',
  tagAllOccurrences: 'marginalia.tagAllOccurrences',
  acceptSuggestion: 'marginalia.acceptSuggestion',
  rejectSuggestion: 'marginalia.rejectSuggestion',
  acceptAllSuggestions: 'marginalia.acceptAllSuggestions',
  removeAnnotation: 'marginalia.removeAnnotation',
  editAttributes: 'marginalia.editAttributes',
  editNote: 'marginalia.editNote',
  linkEntity: 'marginalia.linkEntity',
  linkQuotePrints: 'marginalia.linkQuotePrints',
  relate: 'marginalia.relate',
  nextAnnotation: 'marginalia.nextAnnotation',
  previousAnnotation: 'marginalia.previousAnnotation',
  openAnnotation: 'marginalia.openAnnotation',
  reanchorAnnotation: 'marginalia.reanchorAnnotation',
  openSidecar: 'marginalia.openSidecar',
  openAnnotatedDocuments: 'marginalia.openAnnotatedDocuments',
  exportAnnotations: 'marginalia.exportAnnotations',
  treeGroupByFile: 'marginalia.tree.groupByFile',
  treeGroupByLabel: 'marginalia.tree.groupByLabel',
  treeGroupByRelation: 'marginalia.tree.groupByRelation',
  treeFilter: 'marginalia.tree.filter',
  treeClearFilter: 'marginalia.tree.clearFilter',
  treeRefresh: 'marginalia.tree.refresh',
  treeOpenOccurrence: 'marginalia.tree.openOccurrence',
  // The review of annotation changes against a git revision (src/extension/review/).
  reviewChanges: 'marginalia.review.start',
  reviewAccept: 'marginalia.review.accept',
  reviewReject: 'marginalia.review.reject',
  reviewOpen: 'marginalia.review.open',
  reviewClose: 'marginalia.review.close',
  // Adjudication (src/extension/adjudication/): two versions merged, disputes settled.
  adjudicate: 'marginalia.adjudicate',
  settleDispute: 'marginalia.settleDispute',
  undoSettlement: 'marginalia.undoSettlement',
} as const;

/** The name of a command in `COMMAND_IDS`. */
export type CommandName = keyof typeof COMMAND_IDS;

/** The command VS Code itself makes for the entity view (`<view id>.focus`): run, never registered here. */
export const FOCUS_ENTITIES_VIEW_COMMAND = 'marginalia.entities.focus';
