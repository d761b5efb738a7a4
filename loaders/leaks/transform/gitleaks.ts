/**
 * @module loaders/leaks/transform/gitleaks
 * gitleaks JSON report findings → credential references with their location.
 * `Secret` and `Match` are scanned for a key id and then dropped. Pure.
 * https://github.com/gitleaks/gitleaks#reporting
 */
import type { DataIssue, LeakLocation } from '../../../src/model/index.js'
import type { GitleaksFinding } from '../schemas.js'
import { findAwsKeyId, findAzureKeyId, type CredentialRef } from './credential-ids.js'

/** One credential sighting. */
export interface Sighting extends CredentialRef {
  readonly location: LeakLocation
}

/** Transform a validated gitleaks report; findings without a credential id become warnings. */
export function transformGitleaks(findings: readonly GitleaksFinding[], file: string, repository: string | null, issues: DataIssue[]): Sighting[] {
  const out: Sighting[] = []
  findings.forEach((finding, i) => {
    const location: LeakLocation = {
      scanner: 'gitleaks',
      repository,
      file: finding.File === '' ? null : finding.File,
      commit: finding.Commit ? finding.Commit : null,
      line: finding.StartLine ?? null,
      rule: finding.RuleID,
      date: finding.Date ? finding.Date : null,
    }
    const azureKey = /azure/i.test(finding.RuleID) ? findAzureKeyId(finding as unknown as Record<string, unknown>) : null
    if (azureKey) {
      out.push({ provider: 'azure', credentialId: azureKey, location })
      return
    }
    const awsKey = findAwsKeyId([finding.Secret, finding.Match])
    if (awsKey) {
      out.push({ provider: 'aws', credentialId: awsKey, location })
      return
    }
    // Never echo the finding's content: name the rule and place only.
    issues.push({ severity: 'warning', where: `${file} $[${i}]`, message: `gitleaks finding of rule \`${finding.RuleID}\` in \`${finding.File}\` carries no credential id: skipped` })
  })
  return out
}
