import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { matchesFilter, type Group } from '../../src/core/grouping';
import type { MarginaliaApi } from '../../src/extension/extension';
import type { AnnotatedDocumentView } from '../../src/extension/tree/annotationSource';
import type { OccurrenceNode, TreeNode } from '../../src/extension/tree/treeNodes';
import {
  SEED_000,
  SEED_001,
  SEED_002,
  activeApi,
  fileUri,
  itemLabel,
  readText,
  spanOf,
  writeText,
} from './navigation-helpers';
import { waitFor, watchPrompts } from './editor-helpers';
import { requestScreenshot, screenshotShowing } from './screenshot';

type DocGroup = Group<AnnotatedDocumentView>;

/** The Ryabkov quote as 000 prints it (straight quotes, `--`) and as 002 does (curly quotes, em dashes). */
const RYABKOV_000 = '"We are ready to immediately, even tomorrow -- literally tomorrow, on Saturday -- go for talks with the US in a third country,"';
const RYABKOV_002 = '“We are ready to immediately, even tomorrow — literally tomorrow, on Saturday — go for talks with the US in a third country,”';

suite('Entity tree', () => {
  let api: MarginaliaApi;

  /** Every node of the tree below `node` (the whole tree when omitted), depth first. */
  function walk(node?: TreeNode): TreeNode[] {
    return api.navigation.tree.getChildren(node).flatMap((child) => [child, ...walk(child)]);
  }

  function occurrenceNodes(): OccurrenceNode[] {
    return walk().filter((n): n is OccurrenceNode => n.type === 'occurrence');
  }

  function labelGroup(label: string): DocGroup | undefined {
    return api.navigation.tree.groups.find((g) => g.kind === 'label' && g.title === label);
  }

  /** The 1-based line of the first occurrence of `needle` in a document's current text. */
  function lineOf(doc: AnnotatedDocumentView, needle: string): number {
    return doc.offsets.lineColumn(spanOf(doc, needle).start).line + 1;
  }

  suiteSetup(async () => {
    api = await activeApi();
    await vscode.workspace.getConfiguration().update('marginalia.tree.groupBy', 'label', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('marginalia.tree.clearFilter');
    await waitFor(() => labelGroup('quote'), 'the tree to show the seed annotations');
  });

  teardown(async () => {
    await vscode.commands.executeCommand('marginalia.tree.clearFilter');
  });

  test('shows one node for the quote that 000 and 002 share, under its entity', () => {
    const quote = labelGroup('quote');
    assert.ok(quote, 'a quote group');
    const shared = quote.groups.filter((g) =>
      g.occurrences.some((o) => o.annotation.text.startsWith('We are ready to immediately')),
    );
    assert.equal(shared.length, 1, 'exactly one node holds the Ryabkov quote');
    assert.equal(shared[0]!.kind, 'entity');
    assert.deepEqual(shared[0]!.occurrences.map((o) => o.path), [SEED_000, SEED_002]);
    const node = walk().find((n) => n.type === 'group' && n.group === shared[0]);
    assert.ok(node, 'the group is a node of the tree');
    const labels = api.navigation.tree.getChildren(node).map((n) => itemLabel(api.navigation.tree.getTreeItem(n)));
    const [doc000, doc002] = [SEED_000, SEED_002].map((name) => api.store.get(fileUri(name))!);
    assert.deepEqual(labels, [
      `${SEED_000}:${lineOf(doc000!, 'We are ready to immediately')} — We are ready to immediately, even tomorrow -- literally…`,
      `${SEED_002}:${lineOf(doc002!, 'We are ready to immediately')} — We are ready to immediately, even tomorrow — literally…`,
    ]);
  });

  test('puts the same quote tagged without an entity, straight and curly, under one text node', async () => {
    const [doc000, doc002] = [SEED_000, SEED_002].map((name) => api.store.get(fileUri(name))!);
    const [a] = await api.store.add(doc000!.documentUri, [{ ...spanOf(doc000!, RYABKOV_000), label: 'quote' }]);
    const [b] = await api.store.add(doc002!.documentUri, [{ ...spanOf(doc002!, RYABKOV_002), label: 'quote' }]);
    try {
      const holding = (id: string) => labelGroup('quote')?.groups.find((g) => g.occurrences.some((o) => o.annotation.id === id));
      await waitFor(() => holding(a!.id) && holding(b!.id), 'both new quotes in the tree');
      const group = holding(a!.id)!;
      assert.equal(group, holding(b!.id), 'both articles under one node');
      assert.equal(group.kind, 'text');
      assert.deepEqual(group.occurrences.map((o) => o.path), [SEED_000, SEED_002]);
      assert.equal(group.count, 2);
      const item = api.navigation.tree.getTreeItem(walk().find((n) => n.type === 'group' && n.group === group)!);
      assert.match(itemLabel(item), /^“We are ready to immediately, even tomorrow -- literally/, 'titled without the quotation marks');
      // Two here, and the quotation has four prints: these and the two linked to ryabkov-talks-offer.
      assert.equal(item.description, '2 · 4 prints');
    } finally {
      await api.store.remove(doc000!.documentUri, [a!.id]);
      await api.store.remove(doc002!.documentUri, [b!.id]);
    }
    await waitFor(() => !occurrenceNodes().some((n) => n.annotationId === a!.id), 'the removed quote to leave the tree');
  });

  test('counts every group: its description is the number of occurrences below it', () => {
    const all = api.store.documents().flatMap((d) => d.annotations);
    const roots = api.navigation.tree.getChildren();
    assert.ok(roots.length >= 3, 'claim, quote and figure at least');
    for (const node of walk().filter((n) => n.type === 'group')) {
      if (node.type !== 'group') continue;
      const below = walk(node).filter((n) => n.type === 'occurrence').length;
      assert.equal(node.group.count, below, `${node.group.title} counts what is below it`);
      const description = String(api.navigation.tree.getTreeItem(node).description);
      assert.equal(Number.parseInt(description, 10), below, `${node.group.title} shows its count`);
    }
    for (const root of roots) {
      if (root.type !== 'group') continue;
      assert.equal(root.group.count, all.filter((a) => a.label === root.group.title).length, `every ${root.group.title} of the store`);
    }
    const files = api.store.documents().filter((d) => d.annotations.length > 0).length;
    assert.equal(api.navigation.treeView.description, `${all.length} in ${files} files`);
  });

  test('groups by file with the toggle: file, then label, then occurrences in document order', async () => {
    await vscode.commands.executeCommand('marginalia.tree.groupByFile');
    try {
      await waitFor(() => api.navigation.tree.groups[0]?.kind === 'file', 'file groups');
      assert.equal(vscode.workspace.getConfiguration().get('marginalia.tree.groupBy'), 'file', 'the toggle sets the setting');
      const annotated = api.store.documents().filter((d) => d.annotations.length > 0);
      const groups = api.navigation.tree.groups;
      assert.deepEqual(
        groups.map((g) => [g.title, g.count]),
        annotated.map((d) => [vscode.workspace.asRelativePath(d.documentUri), d.annotations.length]),
      );
      for (const file of groups) {
        assert.ok(file.groups.every((g) => g.kind === 'label'), 'labels below each file');
        for (const label of file.groups) {
          const starts = label.occurrences.map((o) => o.annotation.start);
          assert.deepEqual(starts, [...starts].sort((x, y) => x - y), `${file.title} ${label.title} in document order`);
        }
      }
      const first = occurrenceNodes()[0]!;
      assert.match(itemLabel(api.navigation.tree.getTreeItem(first)), /^line \d+ — \S/, 'below a file an occurrence shows its line');
    } finally {
      await vscode.commands.executeCommand('marginalia.tree.groupByLabel');
    }
    await waitFor(() => api.navigation.tree.groups[0]?.kind === 'label', 'label groups again');
  });

  test('filters by label, by text, and clears the filter', async () => {
    const unfiltered = occurrenceNodes().length;
    await vscode.commands.executeCommand('marginalia.tree.filter', { label: 'figure' });
    let groups = api.navigation.tree.groups;
    assert.deepEqual(groups.map((g) => g.title), ['figure']);
    const figures = api.store.documents().flatMap((d) => d.annotations).filter((a) => a.label === 'figure').length;
    assert.equal(groups[0]!.count, figures);
    assert.match(api.navigation.treeView.description ?? '', new RegExp(`^figure — ${figures} of \\d+$`));

    await vscode.commands.executeCommand('marginalia.tree.filter', { text: 'literally tomorrow' });
    const shown = occurrenceNodes();
    assert.ok(shown.length >= 2, 'both Ryabkov quotes');
    assert.deepEqual([...new Set(shown.map((n) => n.occurrence.path))].sort(), [SEED_000, SEED_002]);
    assert.ok(shown.every((n) => matchesFilter(n.occurrence.annotation, { text: 'literally tomorrow' })));
    assert.match(api.navigation.treeView.description ?? '', /^“literally tomorrow” — /);
    assert.match(api.navigation.treeView.message ?? '', /^Filtered by “literally tomorrow”: \d+ of \d+ annotations/);
    await vscode.commands.executeCommand('marginalia.entities.focus');
    const file = await requestScreenshot('tree-filtered', { waitForText: 'Filtered by “literally tomorrow”' });
    console.log(`  screenshot: ${file ?? '(none: not under scripts/run-vscode-tests.js)'}`);

    await vscode.commands.executeCommand('marginalia.tree.filter', { text: 'no such words anywhere' });
    assert.deepEqual(api.navigation.tree.getChildren(), [], 'nothing matches: the welcome view says so');

    await vscode.commands.executeCommand('marginalia.tree.clearFilter');
    groups = api.navigation.tree.groups;
    assert.equal(occurrenceNodes().length, unfiltered, 'everything is back');
    assert.deepEqual(api.navigation.tree.filter, {});
    assert.equal(api.navigation.treeView.message, undefined, 'no message without a filter');
  });

  test('the filter command without arguments offers the labels in a quick pick', async () => {
    const prompts = watchPrompts();
    try {
      const picking = vscode.commands.executeCommand('marginalia.tree.filter');
      await prompts.next('the label picker');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await picking;
    } finally {
      prompts.restore();
    }
    const first = api.navigation.tree.filter.label;
    assert.ok(first, 'accepting the first item filters by a label');
    assert.deepEqual(api.navigation.tree.groups.map((g) => g.title), [first]);
  });

  test('clicking an occurrence opens its document with the span selected', async () => {
    const node = occurrenceNodes().find(
      (n) => n.occurrence.path === SEED_002 && n.occurrence.annotation.text.startsWith('We are ready'),
    );
    assert.ok(node, 'the 002 occurrence of the quote');
    const { command } = api.navigation.tree.getTreeItem(node);
    assert.ok(command, 'an occurrence has a click command');
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'an editor is open');
    assert.equal(editor.document.uri.toString(), fileUri(SEED_002).toString());
    assert.equal(editor.document.getText(editor.selection), node.occurrence.annotation.text);

    const other = occurrenceNodes().find((n) => n.occurrence.path === SEED_001)!;
    await vscode.commands.executeCommand('marginalia.tree.openOccurrence', other);
    const second = vscode.window.activeTextEditor!;
    assert.equal(second.document.uri.toString(), fileUri(SEED_001).toString(), 'the node itself works as the argument (context menus pass it)');
    assert.equal(second.document.getText(second.selection), other.occurrence.annotation.text);
  });

  test('the context menu of an occurrence runs the editor commands on it: link to entity, edit note, remove', async () => {
    const menu = (vscode.extensions.getExtension('marginalia.marginalia')!.packageJSON.contributes.menus['view/item/context'] ?? []) as {
      command: string;
      when: string;
    }[];
    const forOccurrences = menu.filter((m) => m.when.includes('view == marginalia.entities') && /viewItem (=~ \/\^marginalia\\\\?\.occurrence\/|== marginalia\.occurrence)/.test(m.when));
    for (const command of ['marginalia.removeAnnotation', 'marginalia.editAttributes', 'marginalia.editNote', 'marginalia.linkEntity']) {
      assert.ok(forOccurrences.some((m) => m.command === command), `${command} is in the occurrence context menu`);
    }

    const uri = fileUri(SEED_001);
    const [added] = await api.store.add(uri, [{ ...spanOf(api.store.get(uri)!, 'Geneva'), label: 'claim' }]);
    const node = await waitFor(() => occurrenceNodes().find((n) => n.annotationId === added!.id), 'the new claim in the tree');
    // VS Code passes the tree element itself to a context-menu command; the extra field answers the prompt.
    await vscode.commands.executeCommand('marginalia.linkEntity', { ...node, entity: 'geneva-venue-from-tree' });
    await waitFor(
      () => labelGroup('claim')?.groups.find((g) => g.kind === 'entity' && g.title === 'geneva-venue-from-tree'),
      'the claim under its new entity',
    );
    await vscode.commands.executeCommand('marginalia.editNote', { ...node, note: 'checked from the tree' });
    assert.equal(api.store.get(uri)!.annotations.find((a) => a.id === added!.id)?.note, 'checked from the tree');
    await vscode.commands.executeCommand('marginalia.removeAnnotation', node);
    await waitFor(() => !occurrenceNodes().some((n) => n.annotationId === added!.id), 'the removed claim to leave the tree');
  });

  test('updates when a sidecar changes on disk', async function () {
    this.timeout(30000);
    const sidecar = fileUri(`${SEED_001}.annotations.yaml`);
    const original = await readText(sidecar);
    assert.match(original, /entity: ryabkov-dangerous-point\n/);
    const renamed = 'ryabkov-dangerous-point-renamed-on-disk';
    await writeText(sidecar, original.replace(/entity: ryabkov-dangerous-point\n/, `entity: ${renamed}\n`));
    try {
      const group = await waitFor(
        () => labelGroup('quote')?.groups.find((g) => g.kind === 'entity' && g.title === renamed),
        'the entity renamed on disk',
        15000,
      );
      assert.deepEqual(group.occurrences.map((o) => o.path), [SEED_001]);
    } finally {
      await writeText(sidecar, original);
    }
    await waitFor(
      () => !labelGroup('quote')?.groups.some((g) => g.title === renamed),
      'the tree to follow the sidecar restored on disk',
      15000,
    );
  });

  test('shows an orphaned annotation with a warning icon', async function () {
    this.timeout(30000);
    const doc = fileUri('tree-orphan.txt');
    const sidecar = fileUri('tree-orphan.txt.annotations.yaml');
    await writeText(doc, 'A short note that says nothing quotable.\n');
    await writeText(
      sidecar,
      [
        'marginalia: 1',
        'document: tree-orphan.txt',
        'annotations:',
        '  - id: 0badc0de',
        '    label: claim',
        '    start: 2',
        '    end: 40',
        '    text: a sentence that was never in this file',
        '',
      ].join('\n'),
    );
    try {
      const node = await waitFor(
        () => occurrenceNodes().find((n) => n.annotationId === '0badc0de'),
        'the orphan in the tree',
        15000,
      );
      const item = api.navigation.tree.getTreeItem(node);
      assert.equal(item.contextValue, 'marginalia.occurrence.orphaned');
      assert.equal((item.iconPath as vscode.ThemeIcon).id, 'warning');
      assert.equal(item.description, 'orphaned');
      const claim = walk().find((n) => n.type === 'group' && n.group.kind === 'label' && n.group.title === 'claim')!;
      assert.match(String(api.navigation.tree.getTreeItem(claim).description), /· 1 orphaned$/);
    } finally {
      await vscode.workspace.fs.delete(sidecar);
      await vscode.workspace.fs.delete(doc);
    }
    await waitFor(() => !occurrenceNodes().some((n) => n.annotationId === '0badc0de'), 'the orphan to leave the tree', 15000);
  });

  test('groups by relation with the toggle: each type, its relations from → to, the broken ones apart; a relation opens its source', async function () {
    this.timeout(60000);
    const doc = fileUri('tree-broken-relation.txt');
    const sidecar = fileUri('tree-broken-relation.txt.annotations.yaml');
    await writeText(doc, 'Someone said “we will see” today.\n');
    await writeText(
      sidecar,
      ['marginalia: 1', 'document: tree-broken-relation.txt', 'annotations:', '  - id: 0b0e0b0e', '    label: quote', '    start: 14', '    end: 25', '    text: we will see', '    relations:', '      - type: said-by', '        to: deadbeef', ''].join('\n'),
    );
    await vscode.commands.executeCommand('marginalia.tree.groupByRelation');
    try {
      const tree = api.navigation.tree;
      const broken = await waitFor(() => tree.relationGroups.find((g) => g.kind === 'broken' && g.entries.length === 1), 'the broken relation in its group', 15000);
      assert.equal(vscode.workspace.getConfiguration().get('marginalia.tree.groupBy'), 'relation', 'the toggle sets the setting');
      assert.deepEqual(tree.groups, [], 'no label or file groups while grouped by relation');
      const types = api.store.labelsFor(fileUri(SEED_000)).relations!;
      assert.deepEqual(tree.relationGroups.map((g) => g.title), [...types.map((t) => t.id), 'broken relations'], 'the configured types in order, the broken relations last');
      // What the seeds' sidecars list (they all stand), a symmetric relation counted once per pair of ends.
      const listed = new Map<string, Set<string>>();
      for (const d of api.store.documents()) {
        const path = vscode.workspace.asRelativePath(d.documentUri);
        if (!/^\d{3}_/.test(path)) continue;
        for (const a of d.annotations) {
          for (const r of a.relations ?? []) {
            const ends = [`${path}#${a.id}`, `${r.document ?? path}#${r.to}`];
            const symmetric = types.find((t) => t.id === r.type)?.symmetric;
            const set = listed.get(r.type) ?? new Set<string>();
            set.add(symmetric ? ends.sort().join(' ') : ends.join(' '));
            listed.set(r.type, set);
          }
        }
      }
      for (const type of types) {
        const group = tree.relationGroups.find((g) => g.title === type.id)!;
        assert.equal(group.entries.length, listed.get(type.id)?.size ?? 0, `${type.id}: every relation once`);
      }

      const roots = tree.getChildren();
      const saidBy = roots.find((n) => n.type === 'relationType' && n.group.title === 'said-by')!;
      const typeItem = tree.getTreeItem(saidBy);
      assert.equal(typeItem.description, String(listed.get('said-by')!.size), 'a type counts its relations');
      assert.match(String(typeItem.tooltip), /The quote is attributed to the speaker named here\.\nquote → speaker/, 'its description and ends in the tooltip');
      const entries = tree.getChildren(saidBy);
      const ryabkov = entries.find((n) => n.type === 'relationEntry' && n.path === SEED_000 && n.entry.resolved.from.annotation.text.startsWith('We are ready'))!;
      assert.ok(ryabkov, 'the Ryabkov quote of 000 under said-by');
      const item = tree.getTreeItem(ryabkov);
      assert.match(itemLabel(item), /^“We are ready[^”]*” → “Deputy Foreign Minister[^”]*”$/, 'from → to, by their texts');
      assert.match(String(item.description), new RegExp(`^${SEED_000.replace(/\./g, '\\.')}:\\d+$`), 'the source’s place');

      const contradicts = tree.getChildren(roots.find((n) => n.type === 'relationType' && n.group.title === 'contradicts'));
      const across = contradicts.map((n) => tree.getTreeItem(n)).find((i) => String(i.description).includes(' ↔ '));
      assert.ok(across, 'a contradiction across documents names the other document');
      assert.match(itemLabel(across), /^“[^”]+” ↔ “[^”]+”$/, 'a symmetric relation reads both ways');

      const brokenNode = roots.find((n) => n.type === 'relationType' && n.group.kind === 'broken')!;
      assert.equal((tree.getTreeItem(brokenNode).iconPath as vscode.ThemeIcon).id, 'warning');
      const brokenItem = tree.getTreeItem(tree.getChildren(brokenNode)[0]!);
      assert.equal(itemLabel(brokenItem), 'said-by: “we will see” → deadbeef');
      assert.equal(brokenItem.description, 'tree-broken-relation.txt:1 · target missing');
      assert.equal((brokenItem.iconPath as vscode.ThemeIcon).id, 'warning');
      assert.equal(broken.entries[0]!.resolved.from.id, '0b0e0b0e');

      await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
      const editor = vscode.window.activeTextEditor!;
      assert.equal(editor.document.uri.toString(), fileUri(SEED_000).toString(), 'selecting a relation opens its source');
      assert.equal(editor.document.getText(editor.selection), ryabkov.type === 'relationEntry' ? ryabkov.entry.resolved.from.annotation.text : '');

      await vscode.commands.executeCommand('marginalia.entities.focus');
      await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
      for (let i = 0; i < 4; i++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth');
      const reveal = (node: typeof ryabkov, expand = false) => api.navigation.treeView.reveal(node, { select: true, focus: false, expand });
      console.log(`  screenshot: ${(await screenshotShowing('tree-by-relation', 'said-by', () => reveal(ryabkov, true))) ?? '(none: not under scripts/run-vscode-tests.js)'}`);
      console.log(`  screenshot: ${(await screenshotShowing('tree-by-relation-broken', 'broken relations', () => reveal(tree.getChildren(brokenNode)[0]!))) ?? '(none)'}`);
    } finally {
      await vscode.commands.executeCommand('marginalia.tree.groupByLabel');
      await vscode.workspace.fs.delete(sidecar);
      await vscode.workspace.fs.delete(doc);
    }
    await waitFor(() => api.navigation.tree.groups[0]?.kind === 'label', 'label groups again');
  });

  test('screenshot: the tree beside a seed article', async function () {
    this.timeout(60000);
    await vscode.window.showTextDocument(fileUri(SEED_000), { viewColumn: vscode.ViewColumn.One });
    await vscode.commands.executeCommand('marginalia.entities.focus');
    await waitFor(() => api.navigation.treeView.visible, 'the tree to show');
    // A side bar wider than the default, so that occurrence labels are readable (the resize commands
    // act on the editor part here: narrowing it widens the side bar); only this quote open.
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    for (let i = 0; i < 2; i++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth');
    await vscode.commands.executeCommand('workbench.actions.treeView.marginalia.entities.collapseAll');
    const node = occurrenceNodes().find(
      (n) => n.occurrence.path === SEED_000 && n.occurrence.annotation.entity === 'ryabkov-talks-offer',
    );
    assert.ok(node);
    // Notifications left by earlier suites would cover the article in the picture.
    await vscode.commands.executeCommand('notifications.clearAll');
    const file = await screenshotShowing('tree-beside-article', 'ryabkov-talks-offer', () => api.navigation.treeView.reveal(node, { select: true, focus: true, expand: true }));
    console.log(`  screenshot: ${file ?? '(none: not under scripts/run-vscode-tests.js)'}`);
  });
});
