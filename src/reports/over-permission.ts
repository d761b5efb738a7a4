/**
 * @module reports/over-permission
 * Over-permission: admin-equivalent and privesc-capable principals, wildcard
 * grants and Cloudsplaining-style risk categories (checked by the evaluator,
 * so denies, boundaries and SCPs count), broad Azure roles, permissions never
 * used, principals with the largest reach into restricted data, and trust
 * policies open to unlisted accounts, to anyone, or to any federated subject.
 */
import type { AwsRole, Evidence, GraphNode } from '../model/index.js'
import { PRINCIPAL_KINDS, azureArmId, azureObjectId } from '../model/index.js'
import { compilePolicy } from '../aws/policy/index.js'
import type { CompiledStatement } from '../aws/policy/index.js'
import { subjectPatternRisk } from '../techniques/index.js'
import { daysSince, inventoryEvidence } from './findings.js'
import { awsGrantFindings } from './over-permission-grants.js'
import type { Finding, ReportDefinition, ReportInput, Severity } from './types.js'

const PRINCIPALS = new Set<string>(PRINCIPAL_KINDS)

/** Tier-zero principals: listed so every admin is a conscious decision. */
function adminFindings(input: ReportInput): Finding[] {
  const adminEdges = new Map<string, Evidence[]>()
  for (const edge of input.edges) {
    if (edge.kind !== 'AdminTo') continue
    const list = adminEdges.get(edge.from) ?? []
    list.push(...edge.evidence)
    adminEdges.set(edge.from, list)
  }
  return input.nodes
    .filter((n) => n.isTierZero && PRINCIPALS.has(n.kind))
    .map((n) => ({
      id: `admin-equivalent:${n.id}`,
      check: 'admin-equivalent',
      category: 'privilege-escalation',
      severity: 'info' as Severity,
      title: `${n.name} is admin-equivalent`,
      subject: n.id,
      subjectName: n.name,
      provider: n.provider,
      evidence: (adminEdges.get(n.id) ?? []).slice(0, 20),
      remediation: 'Confirm the principal needs full control; otherwise replace its grant with a least-privilege policy and keep admin for break-glass and a small, reviewed group.',
      details: { kind: n.kind, account: n.account },
    }))
}

/** Every non-tier-zero principal that reaches tier zero, with its cheapest chain. */
async function privescFindings(input: ReportInput, byId: ReadonlyMap<string, GraphNode>): Promise<Finding[]> {
  const result = await input.engine.privesc()
  return result.findings.map((f) => {
    const node = byId.get(f.principal)
    const hasKeys = node?.kind === 'AWSUser' && (input.inventory.aws.users.find((u) => u.arn === f.principal)?.accessKeys ?? []).some((k) => k.status === 'Active')
    const conditional = f.hops.some((h) => h.conditions.length > 0)
    return {
      id: `privilege-escalation:${f.principal}`,
      check: 'privilege-escalation',
      category: 'privilege-escalation',
      severity: (conditional ? 'medium' : hasKeys ? 'critical' : 'high') as Severity,
      title: `${node?.name ?? f.principal} (${node?.kind ?? 'principal'}) can escalate to ${byId.get(f.target)?.name ?? f.target} in ${f.hops.length} step${f.hops.length === 1 ? '' : 's'}`,
      subject: f.principal,
      subjectName: node?.name ?? f.principal,
      provider: node?.provider ?? 'aws',
      evidence: f.hops.flatMap((h) => h.evidence),
      remediation: `Remove the permission behind the first step (${f.hops[0]?.technique ?? f.hops[0]?.kind ?? 'see evidence'}): edit the statement named in its evidence, or add a permissions boundary that denies it.`,
      path: { cost: f.cost, hops: f.hops },
      details: { target: f.target, steps: f.hops.length, conditional, techniques: f.hops.map((h) => h.technique ?? h.kind).join(' → ') },
    }
  })
}

/** Built-in Azure roles that are broad at a high scope. */
const BROAD_AZURE_ROLES: Readonly<Record<string, { name: string; severity: Severity }>> = {
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635': { name: 'Owner', severity: 'high' },
  '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9': { name: 'User Access Administrator', severity: 'high' },
  'b24988ac-6180-42a0-ab88-20f7382dd24c': { name: 'Contributor', severity: 'medium' },
}

/** The GUID at the end of a role definition id (assignments carry the full ARM path or the bare GUID). */
function roleGuid(roleDefinitionId: string): string {
  return roleDefinitionId.split('/').pop()!.toLowerCase()
}

/** Owner / UAA / Contributor at root, management-group or subscription scope. */
function azureScopeFindings(input: ReportInput, byId: ReadonlyMap<string, GraphNode>): Finding[] {
  const findings: Finding[] = []
  for (const a of input.inventory.azure.roleAssignments) {
    const role = BROAD_AZURE_ROLES[roleGuid(a.roleDefinitionId)]
    if (!role) continue
    const scope = azureArmId(a.scope)
    const level = scope === '/' ? 'root' : scope.includes('/managementgroups/') ? 'management group' : /^\/subscriptions\/[^/]+$/.test(scope) ? 'subscription' : null
    if (!level) continue
    const principal = azureObjectId(a.principalId)
    const name = byId.get(principal)?.name ?? a.principalId
    const severity: Severity = level === 'subscription' ? role.severity : role.severity === 'high' ? 'critical' : 'high'
    findings.push({
      id: `azure-broad-role:${principal}:${a.id.toLowerCase()}`,
      check: 'azure-broad-role',
      category: 'permissions-management',
      severity: a.status === 'eligible' ? 'medium' : severity,
      title: `${name} holds ${role.name} at ${level} scope${a.status === 'eligible' ? ' (PIM eligible)' : ''}`,
      subject: principal,
      subjectName: name,
      provider: 'azure',
      evidence: [{ type: 'azure-role-assignment', policy: a.id, action: role.name, resource: a.scope, note: `${role.name} on ${a.scope}` }],
      remediation: `Scope the assignment down to the resource groups the principal manages, or make it PIM-eligible with approval; \`az role assignment delete --ids ${a.id}\` once replaced.`,
      details: { role: role.name, scope: a.scope, status: a.status },
    })
  }
  return findings
}

/** Roles and users holding permissions that the last-used data says are not used. */
function unusedFindings(input: ReportInput): Finding[] {
  const { now, settings } = input
  const findings: Finding[] = []
  const hasPolicies = (p: { inlinePolicies: readonly unknown[]; attachedPolicies: readonly unknown[] }): boolean => p.inlinePolicies.length > 0 || p.attachedPolicies.length > 0
  for (const role of input.inventory.aws.roles) {
    if (role.isServiceLinked || !hasPolicies(role)) continue
    const age = daysSince(role.createDate, now)
    const unused = role.lastUsedDate ? daysSince(role.lastUsedDate, now) : age
    if (unused === null || unused <= settings.maxUnusedDays) continue
    findings.push({
      id: `aws-role-unused:${role.arn}`,
      check: 'aws-role-unused',
      category: 'unused-permissions',
      severity: 'low',
      title: role.lastUsedDate ? `Role ${role.name} unused for ${unused} days` : `Role ${role.name} never used in ${unused} days`,
      subject: role.arn,
      subjectName: role.name,
      provider: 'aws',
      evidence: [inventoryEvidence(`${role.arn}#last-used`, role.lastUsedDate ? `RoleLastUsed ${role.lastUsedDate}` : 'RoleLastUsed empty')],
      remediation: `Delete the role or detach its policies if nothing needs it: \`aws iam delete-role --role-name ${role.name}\` after removing its policies and instance profiles.`,
      details: { unusedDays: unused, lastUsed: role.lastUsedDate },
    })
  }
  for (const user of input.inventory.aws.users) {
    if (!hasPolicies(user) && user.groups.length === 0) continue
    if (user.accessKeys === null && user.passwordLastUsed === null && user.hasLoginProfile === null) continue // nothing known about use
    const uses = [user.passwordLastUsed, ...(user.accessKeys ?? []).map((k) => k.lastUsedDate)].filter((d): d is string => !!d).sort()
    const last = uses.pop() ?? null
    const unused = last ? daysSince(last, now) : daysSince(user.createDate, now)
    if (unused === null || unused <= settings.maxUnusedDays) continue
    findings.push({
      id: `aws-user-unused:${user.arn}`,
      check: 'aws-user-unused',
      category: 'unused-permissions',
      severity: 'low',
      title: last ? `User ${user.name} inactive for ${unused} days` : `User ${user.name} never signed in or used a key in ${unused} days`,
      subject: user.arn,
      subjectName: user.name,
      provider: 'aws',
      evidence: [inventoryEvidence(`${user.arn}#last-used`, last ? `last activity ${last}` : 'no recorded activity')],
      remediation: `Disable the user's console password and keys, then delete the user if no one objects within your grace period.`,
      details: { unusedDays: unused, lastUsed: last },
    })
  }
  return findings
}

/** Condition keys that bind a cross-account or `*` trust to a known party. */
const BINDING_KEYS = new Set(['aws:principalorgid', 'aws:principalaccount', 'aws:principalarn', 'aws:sourceaccount', 'aws:sourcearn', 'aws:principalorgpaths', 'sts:externalid'])

function trustEvidence(role: AwsRole, s: CompiledStatement, note: string): Evidence {
  return { type: 'trust-policy', policy: `${role.arn}#trust`, policyName: role.name, statement: s.index, sid: s.sid, action: 'sts:AssumeRole', note }
}

/** Trust policies open to unlisted accounts, to anyone, or to federated subjects anyone can satisfy. */
function trustFindings(input: ReportInput): Finding[] {
  const findings: Finding[] = []
  const known = new Set(input.inventory.aws.accounts.map((a) => a.id))
  const trusted = new Set(input.settings.trustedAccounts)
  const providers = new Map(input.inventory.aws.identityProviders.map((p) => [p.arn, p]))
  for (const role of input.inventory.aws.roles) {
    if (role.isServiceLinked) continue
    const compiled = compilePolicy(role.trustPolicy, { id: `${role.arn}#trust`, type: 'trust', name: role.name })
    for (const s of compiled.statements) {
      if (s.effect !== 'Allow' || !s.principal || s.isNotPrincipal) continue
      const bound = s.conditions.some((c) => BINDING_KEYS.has(c.keyLower))
      const push = (check: string, severity: Severity, title: string, note: string, remediation: string, extra: Record<string, string | boolean> = {}): void => {
        findings.push({ id: `${check}:${role.arn}:${s.index}${extra['account'] ? `:${extra['account']}` : ''}`, check, category: 'resource-exposure', severity, title, subject: role.arn, subjectName: role.name, provider: 'aws', evidence: [trustEvidence(role, s, note)], remediation, details: { bound, ...extra } })
      }
      if (s.principal.isAny) {
        push('trust-any-principal', bound ? 'medium' : 'critical', `Role ${role.name} (${role.accountId}) can be assumed by any AWS principal${bound ? ' (limited by conditions)' : ''}`, 'Principal `*`', 'Name the exact principals in the trust policy; if `*` is needed, bind it with `aws:PrincipalOrgID`.')
      }
      for (const ref of s.principal.aws) {
        const account = ref.account
        if (!account || account === role.accountId || trusted.has(account)) continue
        const inOrg = known.has(account)
        push(
          inOrg ? 'trust-cross-account-unlisted' : 'trust-external-account',
          bound ? 'low' : inOrg ? 'medium' : 'high',
          `Role ${role.name} (${role.accountId}) trusts ${inOrg ? 'another' : 'an external'} account ${account}`,
          `Principal ${ref.kind === 'account' ? `account ${account}` : (ref as { arn: string }).arn}`,
          inOrg ? `Add ${account} to the trusted-account allow-list if intended, or remove it from the trust policy.` : `Confirm ${account} is a vendor you trust; require \`sts:ExternalId\` and name its exact role, or remove the statement.`,
          { account, inOrganization: inOrg },
        )
      }
      for (const federated of s.principal.federated) {
        const provider = providers.get(federated) ?? [...providers.values()].find((p) => p.arn.toLowerCase() === federated)
        const issuer = provider?.url ?? federated.replace(/^arn:aws:iam::\d+:oidc-provider\//, '')
        if (federated.includes(':saml-provider/')) continue
        const subs = s.conditions.filter((c) => c.keyLower.endsWith(':sub'))
        const patterns = subs.flatMap((c) => c.values)
        const risks = patterns.length === 0 ? [{ pattern: '(none)', risk: subjectPatternRisk(issuer, null) }] : patterns.map((p) => ({ pattern: p, risk: subjectPatternRisk(issuer, p) }))
        for (const { pattern, risk } of risks) {
          if (!risk.isOutsiderSatisfiable) continue
          push('trust-federated-open-subject', 'critical', `Role ${role.name} (${role.accountId}) trusts ${issuer} subject \`${pattern}\``, `${issuer} with subject ${pattern}: ${risk.reason}`, `Pin the \`${issuer}:sub\` condition to the exact repository and branch or environment (StringEquals, no wildcard owner).`, { issuer, subject: pattern })
        }
      }
    }
  }
  return findings
}

/** How many candidates get a full blast-radius run (the rest are ranked out by a cheap pre-filter). */
const BLAST_RADIUS_CANDIDATES = 100
const BLAST_RADIUS_TOP = 10

/**
 * The principals with the largest reach into restricted data. A blast radius
 * per principal is too costly on large estates, so candidates are those with a
 * privesc chain or a direct edge to a restricted resource or a service scope.
 */
async function blastRadiusFindings(input: ReportInput, byId: ReadonlyMap<string, GraphNode>): Promise<Finding[]> {
  const score = new Map<string, number>()
  for (const edge of input.edges) {
    const from = byId.get(edge.from)
    const to = byId.get(edge.to)
    if (!from || !to || from.isTierZero || !PRINCIPALS.has(from.kind)) continue
    const weight = to.classification === 'restricted' ? 10 : to.kind === 'AWSServiceScope' ? 3 : edge.kind === 'CanEscalateTo' || edge.kind === 'CanAssume' ? 2 : 0
    if (weight > 0) score.set(from.id, (score.get(from.id) ?? 0) + weight)
  }
  const candidates = [...score.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, BLAST_RADIUS_CANDIDATES)
  const measured = []
  for (const [id] of candidates) {
    const radius = await input.engine.blastRadius({ from: id, limit: 3 })
    if (radius.byClassification.restricted > 0) measured.push({ id, radius })
  }
  measured.sort((a, b) => b.radius.byClassification.restricted - a.radius.byClassification.restricted || b.radius.score - a.radius.score || a.id.localeCompare(b.id))
  return measured.slice(0, BLAST_RADIUS_TOP).map(({ id, radius }) => {
    const node = byId.get(id)
    const first = radius.resources[0]
    return {
      id: `restricted-blast-radius:${id}`,
      check: 'restricted-blast-radius',
      category: 'data-exfiltration',
      severity: 'high' as Severity,
      title: `${node?.name ?? id} reaches ${radius.byClassification.restricted} restricted resource${radius.byClassification.restricted === 1 ? '' : 's'}`,
      subject: id,
      subjectName: node?.name ?? id,
      provider: node?.provider ?? 'aws',
      evidence: first ? first.path.hops.flatMap((h) => h.evidence) : [],
      remediation: 'Review why this principal reaches restricted data; narrow the grants on the first hop of each path (see `crownpath blast-radius --from` for all of them).',
      path: first?.path ?? null,
      details: { restricted: radius.byClassification.restricted, confidential: radius.byClassification.confidential, score: radius.score, resources: radius.totals.resources },
    }
  })
}

/** The over-permission report. */
export const overPermissionReport: ReportDefinition = {
  name: 'over-permission',
  title: 'Over-permission',
  description: 'Admin-equivalent and privesc-capable principals, wildcard grants and risk categories (privilege escalation, data exfiltration, resource exposure, infrastructure modification, credentials exposure), broad Azure roles, unused permissions, reach into restricted data, and open trust policies.',
  formats: ['json', 'md', 'html', 'csv', 'sarif'],
  build: async (input) => {
    const byId = new Map(input.nodes.map((n) => [n.id, n]))
    const findings: Finding[] = [
      ...adminFindings(input),
      ...(await privescFindings(input, byId)),
      ...awsGrantFindings(input),
      ...azureScopeFindings(input, byId),
      ...unusedFindings(input),
      ...trustFindings(input),
      ...(await blastRadiusFindings(input, byId)),
    ]
    return { findings }
  },
}
