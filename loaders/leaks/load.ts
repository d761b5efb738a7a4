/**
 * @module loaders/leaks/load
 * Read, validate and transform scanner reports into `LeakFinding[]`. All or
 * nothing: a bad report fails the load before anything is returned.
 */
import type { DataIssue, InventoryPart, SourceRef } from '../../src/model/index.js'
import { assertNoSecrets, assertShape } from '../../src/model/index.js'
import { parseJsonLines, parseJsonText, readInputFile, type InputFile } from '../shared/index.js'
import { GitleaksReportInput, TrufflehogFindingInput, type TrufflehogFinding } from './schemas.js'
import { transformGitleaks, type Sighting } from './transform/gitleaks.js'
import { groupSightings } from './transform/group.js'
import { transformTrufflehog } from './transform/trufflehog.js'

/** The name recorded in `SourceRef.loader`, matching the LOADERS row. */
export const LEAKS_LOADER_NAME = 'leaks'

/** The reports of one leaks ingest. */
export interface LeakInputs {
  readonly gitleaks?: readonly string[]
  readonly trufflehog?: readonly string[]
  /** Reports of either scanner, told apart by their first byte (`[` gitleaks, `{` TruffleHog). */
  readonly auto?: readonly string[]
  /** Repository the gitleaks reports were produced from (gitleaks does not record it). */
  readonly repository?: string | null
  readonly maxBytes?: number
}

/** Read, validate and transform every report. All or nothing. */
export async function loadLeaks(inputs: LeakInputs): Promise<InventoryPart> {
  const issues: DataIssue[] = []
  const sightings: Sighting[] = []
  const sources: SourceRef[] = []
  const limit = inputs.maxBytes === undefined ? {} : { maxBytes: inputs.maxBytes }
  // Each report is read once; `auto` ones are told apart by their first byte.
  const gitleaks: InputFile[] = []
  const trufflehog: InputFile[] = []
  for (const file of inputs.gitleaks ?? []) gitleaks.push(await readInputFile(file, 'json', { ...limit, opening: ['['] }))
  for (const file of inputs.trufflehog ?? []) trufflehog.push(await readInputFile(file, 'jsonl', limit))
  for (const file of inputs.auto ?? []) {
    // `jsonl` sniffs only the first line, which a gitleaks array's `[` also passes.
    const report = await readInputFile(file, 'jsonl', { ...limit, opening: ['[', '{'] })
    ;(report.text.trimStart().startsWith('[') ? gitleaks : trufflehog).push(report)
  }
  for (const report of gitleaks) {
    const value = parseJsonText(report.file, report.text)
    assertShape(GitleaksReportInput, value, report.file)
    sightings.push(...transformGitleaks(value, report.file, inputs.repository ?? null, issues))
    sources.push({ loader: LEAKS_LOADER_NAME, location: report.file, sha256: report.sha256, collectedAt: null })
  }
  for (const report of trufflehog) {
    const findings: { line: number; finding: TrufflehogFinding }[] = []
    for (const { line, value } of parseJsonLines(report.file, report.text)) {
      assertShape(TrufflehogFindingInput, value, report.file, `line ${line}: $`)
      findings.push({ line, finding: value })
    }
    sightings.push(...transformTrufflehog(findings, report.file, issues))
    sources.push({ loader: LEAKS_LOADER_NAME, location: report.file, sha256: report.sha256, collectedAt: null })
  }
  const leaks = groupSightings(sightings)
  // INVARIANT (no-secrets): findings carry ids and locations only.
  assertNoSecrets(leaks)
  return { sources, leaks, issues }
}
