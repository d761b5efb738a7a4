/**
 * @module reports/credentials
 * Credential hygiene: old or unused access keys, users with two active keys,
 * console users without MFA, Entra secrets near / past expiry or with long
 * lifetimes, and exposed credentials with their blast radius.
 */
import type { AwsUser, AzCredential, GraphNode } from '../model/index.js'
import { azureObjectId } from '../model/index.js'
import { daysBetween, daysSince, inventoryEvidence } from './findings.js'
import type { Finding, ReportDefinition, ReportInput } from './types.js'

function awsKeyFindings(user: AwsUser, input: ReportInput, admins: ReadonlySet<string>): Finding[] {
  const { settings, now } = input
  const findings: Finding[] = []
  const keys = user.accessKeys ?? []
  const active = keys.filter((k) => k.status === 'Active')
  for (const key of active) {
    const age = daysSince(key.createDate, now)
    const evidence = [inventoryEvidence(`${user.arn}#access-key/${key.id}`, `access key \`${key.id}\` of \`${user.name}\`, created ${key.createDate ?? 'at an unknown date'}`)]
    if (age !== null && age > settings.maxKeyAgeDays) {
      findings.push({
        id: `aws-key-age:${key.id}`,
        check: 'aws-key-age',
        category: 'credentials',
        severity: admins.has(user.arn) ? 'high' : 'medium',
        title: `Access key ${key.id} is ${age} days old`,
        subject: key.id,
        subjectName: `${user.name} / ${key.id}`,
        provider: 'aws',
        evidence,
        remediation: `Rotate the key: create a new key for \`${user.name}\`, move its users to it, then \`aws iam delete-access-key --user-name ${user.name} --access-key-id ${key.id}\`; better, replace the long-lived key with role-based access.`,
        details: { ageDays: age, limitDays: settings.maxKeyAgeDays, user: user.arn },
      })
    }
    const unused = key.lastUsedDate ? daysSince(key.lastUsedDate, now) : age
    if (unused !== null && unused > settings.maxUnusedDays) {
      findings.push({
        id: `aws-key-unused:${key.id}`,
        check: 'aws-key-unused',
        category: 'credentials',
        severity: 'medium',
        title: key.lastUsedDate ? `Access key ${key.id} unused for ${unused} days` : `Access key ${key.id} never used in ${unused} days`,
        subject: key.id,
        subjectName: `${user.name} / ${key.id}`,
        provider: 'aws',
        evidence,
        remediation: `Deactivate then delete the unused key: \`aws iam update-access-key --user-name ${user.name} --access-key-id ${key.id} --status Inactive\`.`,
        details: { unusedDays: unused, lastUsed: key.lastUsedDate, limitDays: settings.maxUnusedDays },
      })
    }
  }
  if (active.length > 1) {
    findings.push({
      id: `aws-key-multiple:${user.arn}`,
      check: 'aws-key-multiple',
      category: 'credentials',
      severity: 'low',
      title: `${user.name} has ${active.length} active access keys`,
      subject: user.arn,
      subjectName: user.name,
      provider: 'aws',
      evidence: active.map((k) => inventoryEvidence(`${user.arn}#access-key/${k.id}`, `active access key \`${k.id}\``)),
      remediation: 'Keep one active key per user (two only during a rotation); deactivate the older key.',
      details: { activeKeys: active.length },
    })
  }
  const hasConsole = user.hasLoginProfile === true || user.loginProfile !== null
  if (hasConsole && user.mfaDevices !== null && user.mfaDevices.length === 0) {
    findings.push({
      id: `aws-console-no-mfa:${user.arn}`,
      check: 'aws-console-no-mfa',
      category: 'credentials',
      severity: admins.has(user.arn) ? 'critical' : 'high',
      title: `${user.name} signs in to the console without MFA`,
      subject: user.arn,
      subjectName: user.name,
      provider: 'aws',
      evidence: [inventoryEvidence(`${user.arn}#console`, 'console password set, no MFA device assigned')],
      remediation: `Assign an MFA device to \`${user.name}\` and deny actions without \`aws:MultiFactorAuthPresent\`; or remove the console password if it is not needed.`,
      details: { passwordLastUsed: user.passwordLastUsed },
    })
  }
  return findings
}

function azureCredentialFindings(ownerId: string, ownerName: string, credential: AzCredential, input: ReportInput): Finding[] {
  if (credential.type === 'federated') return []
  const { settings, now } = input
  const findings: Finding[] = []
  const subject = azureObjectId(credential.id)
  const evidence = [inventoryEvidence(`${ownerId}#credential/${credential.id}`, `${credential.type} \`${credential.displayName ?? credential.id}\` valid ${credential.startDate ?? '?'} → ${credential.endDate ?? '?'}`)]
  const remaining = credential.endDate ? -(daysSince(credential.endDate, now) ?? 0) : null
  if (remaining !== null && remaining < 0) {
    findings.push({ id: `azure-credential-expired:${subject}`, check: 'azure-credential-expired', category: 'credentials', severity: 'low', title: `Expired ${credential.type} on ${ownerName}`, subject, subjectName: `${ownerName} / ${credential.displayName ?? credential.id}`, provider: 'azure', evidence, remediation: `Remove the expired ${credential.type} from \`${ownerName}\` so it cannot be confused with a live one.`, details: { expiredDaysAgo: -remaining } })
  } else if (remaining !== null && remaining <= settings.expiryWarningDays) {
    findings.push({ id: `azure-credential-expiring:${subject}`, check: 'azure-credential-expiring', category: 'credentials', severity: 'medium', title: `${credential.type} on ${ownerName} expires in ${remaining} days`, subject, subjectName: `${ownerName} / ${credential.displayName ?? credential.id}`, provider: 'azure', evidence, remediation: `Roll the ${credential.type} on \`${ownerName}\` before it expires, ideally to a certificate or a federated credential.`, details: { daysLeft: remaining } })
  }
  const lifetime = daysBetween(credential.startDate, credential.endDate)
  if (lifetime !== null && lifetime > settings.maxSecretLifetimeDays) {
    findings.push({ id: `azure-credential-lifetime:${subject}`, check: 'azure-credential-lifetime', category: 'credentials', severity: 'medium', title: `${credential.type} on ${ownerName} is valid for ${lifetime} days`, subject, subjectName: `${ownerName} / ${credential.displayName ?? credential.id}`, provider: 'azure', evidence, remediation: `Replace it with a ${settings.maxSecretLifetimeDays}-day or shorter credential, or with a federated identity credential; restrict lifetimes with an app management policy.`, details: { lifetimeDays: lifetime, limitDays: settings.maxSecretLifetimeDays } })
  }
  return findings
}

async function exposedFindings(input: ReportInput): Promise<Finding[]> {
  const exposed = input.nodes.filter((n: GraphNode) => n.isExposed)
  const findings: Finding[] = []
  for (const node of exposed) {
    const radius = await input.engine.blastRadius({ from: node.id, limit: 5 })
    const reachesTierZero = radius.tierZero.length > 0
    const worst = radius.resources[0] ?? null
    findings.push({
      id: `exposed-credential:${node.id}`,
      check: 'exposed-credential',
      category: 'credentials',
      severity: reachesTierZero || radius.byClassification.restricted > 0 ? 'critical' : 'high',
      title: `Exposed credential ${node.name} reaches ${radius.totals.resources} resources${reachesTierZero ? ' and tier zero' : ''}`,
      subject: node.id,
      subjectName: node.name,
      provider: node.provider,
      evidence: [{ type: 'leak', policy: node.id, note: `found at ${String(node.properties['exposedAt'] ?? 'an unrecorded location')}` }],
      remediation: node.provider === 'aws' ? `Deactivate the key now (\`aws iam update-access-key --access-key-id ${node.id} --status Inactive\`), review CloudTrail for its use, then delete it and purge it from the repository history.` : 'Remove the credential from the application now, review sign-in logs for its use, and purge it from the repository history.',
      path: radius.tierZero.length > 0 ? (radius.principals.find((p) => radius.tierZero.includes(p.id))?.path ?? worst?.path ?? null) : (worst?.path ?? null),
      details: { blastRadiusScore: radius.score, resources: radius.totals.resources, restricted: radius.byClassification.restricted, confidential: radius.byClassification.confidential, tierZero: radius.totals.tierZero },
    })
  }
  return findings
}

/** The credentials report. */
export const credentialsReport: ReportDefinition = {
  name: 'credentials',
  title: 'Credential hygiene',
  description: 'Old, unused, duplicated or MFA-less AWS credentials, Entra secrets near or past expiry or with long lifetimes, and exposed credentials with their blast radius.',
  formats: ['json', 'md', 'html', 'csv', 'sarif'],
  build: async (input) => {
    const admins = new Set(input.nodes.filter((n) => n.isTierZero).map((n) => n.id))
    const findings: Finding[] = []
    for (const user of input.inventory.aws.users) findings.push(...awsKeyFindings(user, input, admins))
    for (const app of input.inventory.azure.apps) for (const c of app.credentials) findings.push(...azureCredentialFindings(azureObjectId(app.id), app.displayName, c, input))
    for (const sp of input.inventory.azure.servicePrincipals) for (const c of sp.credentials) findings.push(...azureCredentialFindings(azureObjectId(sp.id), sp.displayName, c, input))
    findings.push(...(await exposedFindings(input)))
    return { findings }
  },
}
