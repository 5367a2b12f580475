/**
 * What `marginalia check` says about an adjudicated sidecar: each dispute left to settle, and a
 * `settled: true` header that the records contradict.
 */
import type { Finding, Sidecar } from '../model';

/**
 * One warning per disputed record, and one for a document marked settled that still holds disputes.
 * @param sidecar the parsed sidecar
 * @param recordLines 1-based line of each record, by id
 */
export function disputeFindings(sidecar: Sidecar, recordLines: ReadonlyMap<string, number>): Finding[] {
  const findings: Finding[] = [];
  for (const record of sidecar.annotations) {
    if (!record.dispute) continue;
    const { side, by, pair } = record.dispute;
    const against = pair === undefined ? `the other side has nothing there` : `the other side's version is ${pair}`;
    findings.push({
      severity: 'warning',
      code: 'disputed',
      message: `annotation ${record.id} (${record.label}) is disputed: side ${side} (${by}) marked it, ${against}; keep one version and delete the other's record and this dispute`,
      line: recordLines.get(record.id) ?? 1,
      column: 3,
      annotationId: record.id,
    });
  }
  if (sidecar.settled === true && findings.length > 0) {
    findings.push({
      severity: 'warning',
      code: 'settled-with-disputes',
      message: `the sidecar says settled: true but ${findings.length} dispute${findings.length === 1 ? ' is' : 's are'} left; settle ${findings.length === 1 ? 'it' : 'them'} or write settled: false`,
      line: 1,
      column: 1,
    });
  }
  return findings;
}
