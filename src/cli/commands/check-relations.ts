/**
 * The relation findings of `marginalia check`: relations are resolved across the workspace, so the
 * sidecars checked are read together, with the sidecars of target documents that were not checked
 * (`check a.txt` still finds the targets of a.txt's relations in b.txt). Reading stays inside the
 * workspace root; the resolving and the findings are core's.
 */
import * as path from 'node:path';
import { readTextInside } from '../../core/io/inside';
import type { Finding, LabelConfig, Sidecar } from '../../core/model';
import { sidecarPathFor } from '../../core/paths';
import { relationFindings } from '../../core/relations/findings';
import { resolveDocumentPath } from '../../core/relations/paths';
import { relationsOf, type RelatedDocument } from '../../core/relations/resolve';
import { relationTypes } from '../../core/relations/types';
import { relationPlaces } from '../../core/sidecar/positions';
import { readSidecar } from '../../core/sidecar/read';

/** One sidecar checked, with what relation findings need of it. */
export interface CheckedSidecar {
  /** Absolute path of the sidecar. */
  sidecarPath: string;
  /** The root relations' documents are named from and read under: the folder of its `.marginalia.yaml`, else the root it was checked under. */
  root: string;
  sidecar: Sidecar;
  /** Its text, for the places of relations. */
  source: string;
  recordLines: ReadonlyMap<string, number>;
  /** The label configuration that applies to it. */
  config: LabelConfig;
  /** Its findings: relation findings are added here. */
  findings: Finding[];
}

/**
 * Add to each checked sidecar the findings about the relations its annotations list.
 * @param checked the sidecars checked
 */
export async function addRelationFindings(checked: readonly CheckedSidecar[]): Promise<void> {
  const withRelations = checked.filter((c) => c.sidecar.annotations.some((a) => a.relations !== undefined));
  const roots = new Set(withRelations.map((c) => c.root));
  for (const root of roots) {
    const documents = new Map<string, RelatedDocument>();
    // Each sidecar's document path, found once: path arithmetic per sidecar and per use showed in the profile.
    const documentPaths = new Map<CheckedSidecar, string>();
    for (const c of checked) {
      if (c.root !== root) continue;
      const documentPath = toSlashes(path.relative(root, path.join(path.dirname(c.sidecarPath), c.sidecar.document)));
      documentPaths.set(c, documentPath);
      documents.set(documentPath, { path: documentPath, annotations: c.sidecar.annotations });
    }
    const documentOf = (c: CheckedSidecar) => documentPaths.get(c)!;
    const sources = withRelations.filter((c) => c.root === root);
    await addTargetDocuments(sources.map((c) => ({ path: documentOf(c), annotations: c.sidecar.annotations })), documents, root);
    // Each configuration resolves the relations of the sidecars it applies to (one, nearly always).
    for (const config of new Set(sources.map((c) => c.config))) {
      const types = relationTypes(config);
      const graph = relationsOf([...documents.values()], types);
      // Grouped once: filtering every relation for each sidecar made a corpus's check quadratic.
      const bySource = new Map<string, (typeof graph.all)[number][]>();
      for (const r of graph.all) {
        const list = bySource.get(r.from.document);
        if (list) list.push(r);
        else bySource.set(r.from.document, [r]);
      }
      for (const c of sources.filter((s) => s.config === config)) {
        const own = bySource.get(documentOf(c)) ?? [];
        if (!own.some((r) => r.problems.length > 0)) continue;
        const places = relationPlaces(c.source);
        const placeOf = (id: string, index: number) => {
          const line = c.recordLines.get(id) ?? 1;
          return places(line, index) ?? { line, column: 1 };
        };
        c.findings.push(...relationFindings(own, types, placeOf));
      }
    }
  }
}

/** Read the sidecars of the documents relations point at that are not among `documents` yet. */
async function addTargetDocuments(sources: readonly RelatedDocument[], documents: Map<string, RelatedDocument>, root: string): Promise<void> {
  const wanted = new Set<string>();
  for (const source of sources)
    for (const annotation of source.annotations)
      for (const relation of annotation.relations ?? []) {
        if (relation.document === undefined) continue;
        const target = resolveDocumentPath(source.path, relation.document);
        if (target !== undefined && !documents.has(target)) wanted.add(target);
      }
  for (const target of wanted) {
    const read = await readTextInside(sidecarPathFor(path.join(root, ...target.split('/'))), root);
    const sidecar = read.text === undefined ? undefined : readSidecar(read.text).sidecar;
    if (sidecar) documents.set(target, { path: target, annotations: sidecar.annotations });
  }
}

function toSlashes(p: string): string {
  return p.split(path.sep).join('/');
}
