/**
 * @module reports/break-glass
 * Break-glass review: for each declared emergency identity, the controls a
 * reviewer attests (exists and is tier zero, MFA, no access keys, rotation,
 * recent use) and, most important, every inbound path to it — a break-glass
 * account a developer role can reach is a backdoor.
 */
import type { AwsUser, AzUser, Evidence, GraphNode } from '../model/index.js'
import { azureObjectId } from '../model/index.js'
import { daysSince, inventoryEvidence } from './findings.js'
import type { ControlResult, Finding, ReportDefinition, ReportInput, ReviewSubject, Severity } from './types.js'

/** The tag that declares a break-glass identity (key and value compared case-insensitively). */
export const BREAK_GLASS_TAG = 'crownpath:break-glass'

/** Ids of the declared break-glass identities: configured ids plus tagged nodes. */
export function breakGlassIds(input: ReportInput): string[] {
  const ids = new Set(input.settings.breakGlass)
  for (const node of input.nodes) {
    const tagged = Object.entries(node.tags).some(([k, v]) => k.toLowerCase() === BREAK_GLASS_TAG && v.toLowerCase() === 'true')
    if (tagged) ids.add(node.id)
  }
  return [...ids].sort()
}

const SEVERITY_OF_CONTROL: Readonly<Record<string, Severity>> = {
  'exists-tier-zero': 'high',
  mfa: 'critical',
  'no-access-keys': 'high',
  rotation: 'medium',
  'recent-use': 'medium',
  'inbound-paths': 'critical',
}

function control(controlId: string, title: string, status: ControlResult['status'], detail: string, evidence: readonly Evidence[] = [], paths?: ControlResult['paths']): ControlResult {
  return { control: controlId, title, status, detail, evidence, ...(paths ? { paths } : {}) }
}

function awsControls(user: AwsUser, input: ReportInput): ControlResult[] {
  const { now, settings } = input
  const mfa = user.mfaDevices
  const keys = (user.accessKeys ?? []).filter((k) => k.status === 'Active')
  const changed = user.loginProfile?.passwordLastChanged ?? user.loginProfile?.createDate ?? null
  const changedAge = daysSince(changed, now)
  const lastUse = [user.passwordLastUsed, ...(user.accessKeys ?? []).map((k) => k.lastUsedDate)].filter((d): d is string => !!d).sort().pop() ?? null
  const lastUseAge = daysSince(lastUse, now)
  return [
    mfa === null
      ? control('mfa', 'MFA is enforced', 'unknown', 'MFA devices were not in the loaded data (load the credential report)')
      : control('mfa', 'MFA is enforced', mfa.length > 0 ? 'pass' : 'fail', mfa.length > 0 ? `${mfa.length} MFA device(s): ${mfa.map((d) => d.serialNumber).join(', ')}` : 'no MFA device assigned', [inventoryEvidence(`${user.arn}#mfa`, `${mfa.length} MFA device(s)`)]),
    user.accessKeys === null
      ? control('no-access-keys', 'No access keys', 'unknown', 'access keys were not in the loaded data')
      : control('no-access-keys', 'No access keys', keys.length === 0 ? 'pass' : 'fail', keys.length === 0 ? 'no active access key' : `active keys: ${keys.map((k) => k.id).join(', ')}`, keys.map((k) => inventoryEvidence(`${user.arn}#access-key/${k.id}`, `active key \`${k.id}\``))),
    changedAge === null
      ? control('rotation', `Password rotated within ${settings.breakGlassRotationDays} days`, 'unknown', 'password change date not in the loaded data')
      : control('rotation', `Password rotated within ${settings.breakGlassRotationDays} days`, changedAge <= settings.breakGlassRotationDays ? 'pass' : 'fail', `password last changed ${changed} (${changedAge} days ago)`, [inventoryEvidence(`${user.arn}#console`, `password last changed ${changed}`)]),
    control('recent-use', 'Not used recently (any use must be explained)', lastUseAge === null || lastUseAge > settings.maxUnusedDays ? 'pass' : 'fail', lastUse ? `last used ${lastUse} (${lastUseAge} days ago)` : 'no recorded use', lastUse ? [inventoryEvidence(`${user.arn}#last-used`, `last used ${lastUse}`)] : []),
  ]
}

function azureControls(user: AzUser, input: ReportInput): ControlResult[] {
  const { now, settings } = input
  const changedAge = daysSince(user.passwordLastSet, now)
  const useAge = daysSince(user.lastSignIn, now)
  return [
    user.mfaRegistered === null
      ? control('mfa', 'MFA is enforced', 'unknown', 'authentication methods were not collected')
      : control('mfa', 'MFA is enforced', user.mfaRegistered ? 'pass' : 'fail', user.mfaRegistered ? 'strong authentication method registered' : 'no strong authentication method registered'),
    control('no-access-keys', 'No access keys', 'not-applicable', 'Entra users have no access keys'),
    changedAge === null
      ? control('rotation', `Password rotated within ${settings.breakGlassRotationDays} days`, 'unknown', 'password change date not collected')
      : control('rotation', `Password rotated within ${settings.breakGlassRotationDays} days`, changedAge <= settings.breakGlassRotationDays ? 'pass' : 'fail', `password last set ${user.passwordLastSet} (${changedAge} days ago)`),
    control('recent-use', 'Not used recently (any use must be explained)', useAge === null || useAge > settings.maxUnusedDays ? 'pass' : 'fail', user.lastSignIn ? `last sign-in ${user.lastSignIn} (${useAge} days ago)` : 'no recorded sign-in'),
  ]
}

/** Inbound paths: every principal (not the identity's own credentials) that reaches it. */
async function inboundControl(node: GraphNode, input: ReportInput): Promise<ControlResult> {
  const result = await input.engine.whoCan({ to: node.id, limit: 1000 })
  const tierZero = new Set(input.nodes.filter((n) => n.isTierZero).map((n) => n.id))
  // The identity's own credentials are how it is meant to be used, not inbound paths.
  const entries = result.entries.filter((e) => e.id !== node.id && !(e.path.hops.length === 1 && e.path.hops[0]?.kind === 'AuthenticatesAs'))
  const listed = new Set(entries.map((e) => e.id))
  const outsiders = entries.filter((e) => {
    if (tierZero.has(e.id) || e.kind === 'AWSService') return false // services act only when someone passes them a role: that someone is listed
    const first = e.path.hops[0]
    // A credential of a tier-zero principal is tier zero; a credential of a listed principal adds no new person.
    if (first?.kind === 'AuthenticatesAs' && (tierZero.has(first.to) || listed.has(first.to))) return false
    return true
  })
  const evidence = outsiders.flatMap((e) => e.path.hops.flatMap((h) => h.evidence)).slice(0, 50)
  const detail =
    outsiders.length === 0
      ? `reachable only by ${entries.length} tier-zero principal(s)`
      : `reachable by ${outsiders.length} non-tier-zero principal(s): ${outsiders.slice(0, 10).map((e) => e.name).join(', ')}${outsiders.length > 10 ? ', …' : ''}`
  return control('inbound-paths', 'No one below tier zero can reach it', outsiders.length === 0 ? 'pass' : 'fail', detail + (result.truncated ? ' (search truncated by its bounds)' : ''), evidence, outsiders.map((e) => e.path))
}

/** The break-glass review report. */
export const breakGlassReport: ReportDefinition = {
  name: 'break-glass',
  title: 'Break-glass account review',
  description: 'For each declared break-glass identity: exists and is tier zero, MFA enforced, no access keys, credentials rotated, no recent use, and every inbound path, as an attestation a reviewer signs.',
  formats: ['json', 'md', 'html', 'csv'],
  build: async (input) => {
    const byId = new Map(input.nodes.map((n) => [n.id, n]))
    const awsUsers = new Map(input.inventory.aws.users.map((u) => [u.arn, u]))
    const azUsers = new Map(input.inventory.azure.users.map((u) => [azureObjectId(u.id), u]))
    const reviews: ReviewSubject[] = []
    const findings: Finding[] = []
    for (const id of breakGlassIds(input)) {
      const node = byId.get(id) ?? byId.get(azureObjectId(id))
      if (!node) {
        const missing = control('exists-tier-zero', 'Exists and is tier zero', 'fail', `no identity \`${id}\` in the snapshot`)
        reviews.push({ id, name: id, provider: id.startsWith('arn:') ? 'aws' : 'azure', controls: [missing] })
        findings.push(toFinding(id, id, id.startsWith('arn:') ? 'aws' : 'azure', missing))
        continue
      }
      const controls: ControlResult[] = [
        control('exists-tier-zero', 'Exists and is tier zero', node.isTierZero ? 'pass' : 'fail', node.isTierZero ? 'admin-equivalent' : 'exists but is not admin-equivalent: it cannot do its job in an emergency'),
      ]
      const awsUser = awsUsers.get(node.id)
      const azUser = azUsers.get(node.id)
      if (awsUser) controls.push(...awsControls(awsUser, input))
      else if (azUser) controls.push(...azureControls(azUser, input))
      controls.push(await inboundControl(node, input))
      reviews.push({ id: node.id, name: node.name, provider: node.provider, controls })
      for (const c of controls) if (c.status === 'fail') findings.push(toFinding(node.id, node.name, node.provider, c))
    }
    return {
      findings,
      reviews,
      attestation: { statement: 'I reviewed each control above and the inbound paths listed, and confirm the break-glass identities are fit for emergency use and reachable by no one who should not hold them.', reviewer: null, date: null },
    }
  },
}

function toFinding(id: string, name: string, provider: GraphNode['provider'], c: ControlResult): Finding {
  return {
    id: `break-glass-${c.control}:${id}`,
    check: `break-glass-${c.control}`,
    category: 'break-glass',
    severity: SEVERITY_OF_CONTROL[c.control] ?? 'medium',
    title: `Break-glass ${name}: ${c.title.toLowerCase()} — failed`,
    subject: id,
    subjectName: name,
    provider,
    evidence: c.evidence,
    remediation: REMEDIATION[c.control] ?? 'Fix the control and re-run the review.',
    path: c.paths?.[0] ?? null,
    details: { detail: c.detail },
  }
}

const REMEDIATION: Readonly<Record<string, string>> = {
  'exists-tier-zero': 'Create the identity or grant it the emergency role it is declared for; remove it from the break-glass list if it is retired.',
  mfa: 'Register a phishing-resistant MFA device (FIDO2 key kept in the safe) and require it.',
  'no-access-keys': 'Delete the access keys: a break-glass identity signs in interactively only.',
  rotation: 'Rotate the password through the documented break-glass procedure and record it.',
  'recent-use': 'Explain the use in the incident record (who, when, why); if unexplained, treat it as an incident.',
  'inbound-paths': 'Cut each inbound path listed: remove the permission in its evidence (the policy statement or role assignment) so only tier zero can reset, re-key, re-policy or assume the identity.',
}
