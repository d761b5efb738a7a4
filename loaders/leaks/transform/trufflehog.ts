/**
 * @module loaders/leaks/transform/trufflehog
 * TruffleHog JSON-lines findings → credential references with their location.
 * `Raw`/`RawV2` are scanned for an AWS key id only and then dropped. Pure.
 * https://github.com/trufflesecurity/trufflehog#json-output
 */
import type { DataIssue, LeakLocation } from '../../../src/model/index.js'
import type { TrufflehogFinding } from '../schemas.js'
import { findAwsKeyId, findAzureKeyId } from './credential-ids.js'
import type { Sighting } from './gitleaks.js'

/** Transform validated TruffleHog findings (with their 1-based line numbers in the file). */
export function transformTrufflehog(findings: readonly { readonly line: number; readonly finding: TrufflehogFinding }[], file: string, issues: DataIssue[]): Sighting[] {
  const out: Sighting[] = []
  for (const { line, finding } of findings) {
    const data = finding.SourceMetadata.Data
    const source = data.Git ?? data.Github ?? data.Gitlab ?? data.Filesystem ?? null
    const location: LeakLocation = {
      scanner: 'trufflehog',
      repository: nonEmpty(source?.repository),
      file: nonEmpty(source?.file),
      commit: nonEmpty(source?.commit),
      line: source?.line ?? null,
      rule: finding.DetectorName,
      date: nonEmpty(source?.timestamp),
    }
    const extra = finding.ExtraData ?? null
    const azureKey = /azure/i.test(finding.DetectorName) ? findAzureKeyId(extra) : null
    if (azureKey) {
      out.push({ provider: 'azure', credentialId: azureKey, location })
      continue
    }
    // Redacted holds the key id for the AWS detector; ExtraData may name it; Raw is the last resort.
    const extraTexts = extra ? Object.values(extra).filter((v): v is string => typeof v === 'string') : []
    const awsKey = findAwsKeyId([finding.Redacted, ...extraTexts, finding.Raw])
    if (awsKey) {
      out.push({ provider: 'aws', credentialId: awsKey, location })
      continue
    }
    issues.push({ severity: 'warning', where: `${file} line ${line}`, message: `TruffleHog finding of detector \`${finding.DetectorName}\` carries no credential id: skipped` })
  }
  return out
}

/** Optional fields are null, never `''`. */
function nonEmpty(value: string | null | undefined): string | null {
  return value === undefined || value === null || value === '' ? null : value
}
