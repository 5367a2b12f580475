/**
 * The export formats by name.
 */
import { bratExporter } from './brat';
import { claimReviewExporter } from './claimreview';
import { csvExporter } from './csv';
import { doccanoExporter } from './doccano';
import { labelStudioExporter } from './labelstudio';
import { prodigyExporter } from './prodigy';
import type { Exporter } from './types';
import { w3cExporter } from './w3c';

/** Every exporter, in the order usage text and pickers list them. */
export const EXPORTERS: readonly Exporter[] = [
  doccanoExporter,
  prodigyExporter,
  bratExporter,
  w3cExporter,
  csvExporter,
  labelStudioExporter,
  claimReviewExporter,
];

/**
 * The exporter of a format name.
 * @param format a `--format` value
 * @returns the exporter, or undefined for an unknown name
 */
export function exporterFor(format: string): Exporter | undefined {
  return EXPORTERS.find((e) => e.format === format);
}

export type { ExportDocument, ExportFile, ExportFormat, ExportOptions, ExportOutput, Exporter } from './types';
export { prepareDocument } from './prepare';
export { csvCompanionFolder } from './csv';
