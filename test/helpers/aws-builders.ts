/**
 * @module test/helpers/aws-builders
 * Tiny builders for AwsInventory objects (users, groups, roles, policies,
 * resources, SCPs) from a compact spec, and short references
 * (`user/alice`, `222222222222:role/x`, `account`) resolved to ids.
 */
import type {
  AwsAccount,
  AwsGroup,
  AwsIdentityProvider,
  AwsInventory,
  AwsManagedPolicy,
  AwsOrgPolicy,
  AwsResource,
  AwsRole,
  AwsUser,
  PolicyDocument,
} from '../../src/model/index.js'

/** Default account of specs. */
export const ACCOUNT = '111111111111'

/** A statement list or a whole document. */
export type DocSpec = readonly Record<string, unknown>[] | Record<string, unknown>

interface PrincipalSpec {
  readonly name: string
  readonly account?: string
  readonly path?: string
  readonly inline?: Readonly<Record<string, DocSpec>>
  /** Policy ARNs, or names of customer-managed policies in the same account. */
  readonly managed?: readonly string[]
  readonly boundary?: string
  readonly tags?: Readonly<Record<string, string>>
}

/** A user. `accessKeys`: a count or key ids; `mfa`: has an MFA device. */
export interface UserSpec extends PrincipalSpec {
  readonly groups?: readonly string[]
  readonly accessKeys?: number | readonly string[]
  readonly loginProfile?: boolean
  readonly mfa?: boolean
}

/** A role. `trust` is a document; `trustServices` / `trustAws` build one Allow statement each (services first). */
export interface RoleSpec extends PrincipalSpec {
  readonly trust?: DocSpec
  readonly trustServices?: readonly string[]
  readonly trustAws?: readonly string[]
  readonly instanceProfile?: boolean
  readonly serviceLinked?: boolean
}

/** A customer-managed policy; `versions` lists older documents after the default one (v1 = default unless `defaultVersion`). */
export interface PolicySpec {
  readonly name: string
  readonly account?: string
  readonly document: DocSpec
  readonly versions?: readonly DocSpec[]
  readonly defaultVersion?: string
}

/** A resource; `runsAs` holds role references. */
export interface ResourceSpec {
  readonly arn: string
  readonly type: string
  readonly name?: string
  readonly region?: string
  readonly tags?: Readonly<Record<string, string>>
  readonly policy?: DocSpec
  readonly runsAs?: readonly string[]
  readonly properties?: Readonly<Record<string, string | number | boolean | null>>
}

/** An SCP, attached to the listed accounts (default: every account). */
export interface ScpSpec {
  readonly name: string
  readonly document: DocSpec
  readonly targets?: readonly string[]
}

/** The whole compact spec. */
export interface InventorySpec {
  readonly users?: readonly UserSpec[]
  readonly groups?: readonly PrincipalSpec[]
  readonly roles?: readonly RoleSpec[]
  readonly policies?: readonly PolicySpec[]
  readonly resources?: readonly ResourceSpec[]
  readonly scps?: readonly ScpSpec[]
  readonly identityProviders?: readonly { readonly arn: string; readonly type: 'oidc' | 'saml'; readonly url?: string }[]
}

/** Full-access document (AdministratorAccess / FullAWSAccess). */
const FULL = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }

/** Normalise a statement list into a document. */
export function doc(spec: DocSpec): PolicyDocument {
  return Array.isArray(spec) ? { Version: '2012-10-17', Statement: spec } : (spec as PolicyDocument)
}

/**
 * Resolve a short reference: `user/alice`, `role/x`, `group/g`, `policy/p`
 * (default account), `222222222222:role/x`, `account` / `account:222222222222`,
 * with an optional `#...` suffix kept (`role/x#trust`, `user/a#inline/p`).
 * ARNs and other ids (`oidc:...`, `aws:...`, `AKIA...`) pass through.
 */
export function ref(short: string, account = ACCOUNT): string {
  const hash = short.indexOf('#')
  const base = hash >= 0 ? short.slice(0, hash) : short
  const suffix = hash >= 0 ? short.slice(hash) : ''
  if (/^(arn:|oidc:|aws:|AKIA|ASIA)/.test(base)) return short
  const acct = /^account(?::(\d{12}))?$/.exec(base)
  if (acct) return `arn:aws:iam::${acct[1] ?? account}:root${suffix}`
  const m = /^(?:(\d{12}):)?(user|role|group|policy)\/(.+)$/.exec(base)
  if (!m) return short
  return `arn:aws:iam::${m[1] ?? account}:${m[2]}/${m[3]}${suffix}`
}

function policyRef(name: string, account: string): string {
  return name.startsWith('arn:') ? name : `arn:aws:iam::${account}:policy/${name}`
}

function base(spec: PrincipalSpec, kind: 'user' | 'role' | 'group') {
  const account = spec.account ?? ACCOUNT
  return {
    arn: `arn:aws:iam::${account}:${kind}${spec.path ?? '/'}${spec.name}`,
    name: spec.name,
    uniqueId: null,
    accountId: account,
    path: spec.path ?? '/',
    createDate: null,
    inlinePolicies: Object.entries(spec.inline ?? {}).map(([name, d]) => ({ name, document: doc(d) })),
    attachedPolicies: (spec.managed ?? []).map((m) => policyRef(m, account)),
  }
}

/** Build an AwsInventory from a compact spec. */
export function buildAwsInventory(spec: InventorySpec): AwsInventory {
  const users: AwsUser[] = (spec.users ?? []).map((u) => {
    const b = base(u, 'user')
    const keys = u.accessKeys === undefined ? 1 : u.accessKeys
    const keyIds = typeof keys === 'number' ? Array.from({ length: keys }, (_, i) => `AKIA${u.name.toUpperCase().replace(/[^A-Z0-9]/g, '').padEnd(12, 'X').slice(0, 12)}000${i}`) : keys
    return {
      ...b,
      tags: u.tags ?? {},
      groups: (u.groups ?? []).map((g) => (g.startsWith('arn:') ? g : `arn:aws:iam::${b.accountId}:group/${g}`)),
      permissionsBoundary: u.boundary ? policyRef(u.boundary, b.accountId) : null,
      accessKeys: keyIds.map((id) => ({ id, status: 'Active' as const, createDate: null, lastUsedDate: null, lastUsedService: null, lastUsedRegion: null })),
      loginProfile: u.loginProfile ? { createDate: null, passwordLastUsed: null, passwordLastChanged: null, passwordResetRequired: false } : null,
      hasLoginProfile: u.loginProfile ?? false,
      mfaDevices: u.mfa ? [{ serialNumber: `arn:aws:iam::${b.accountId}:mfa/${u.name}`, enableDate: null, isVirtual: true }] : [],
      passwordLastUsed: null,
    }
  })
  const groups: AwsGroup[] = (spec.groups ?? []).map((g) => base(g, 'group'))
  const roles: AwsRole[] = (spec.roles ?? []).map((r) => {
    const b = base(r, 'role')
    const statements: Record<string, unknown>[] = []
    if (r.trustServices) statements.push({ Effect: 'Allow', Principal: { Service: r.trustServices }, Action: 'sts:AssumeRole' })
    if (r.trustAws) statements.push({ Effect: 'Allow', Principal: { AWS: r.trustAws.map((a) => ref(a, b.accountId)) }, Action: 'sts:AssumeRole' })
    return {
      ...b,
      tags: r.tags ?? {},
      trustPolicy: r.trust ? doc(r.trust) : { Version: '2012-10-17', Statement: statements },
      permissionsBoundary: r.boundary ? policyRef(r.boundary, b.accountId) : null,
      instanceProfiles: r.instanceProfile ? [{ arn: `arn:aws:iam::${b.accountId}:instance-profile/${r.name}`, name: r.name }] : [],
      lastUsedDate: null,
      lastUsedRegion: null,
      maxSessionDuration: null,
      isServiceLinked: r.serviceLinked ?? false,
    }
  })
  const managedPolicies: AwsManagedPolicy[] = (spec.policies ?? []).map((p) => {
    const account = p.account ?? ACCOUNT
    const docs = [p.document, ...(p.versions ?? [])]
    const defaultVersion = p.defaultVersion ?? 'v1'
    return {
      arn: `arn:aws:iam::${account}:policy/${p.name}`,
      name: p.name,
      policyId: null,
      path: '/',
      isAwsManaged: false,
      accountId: account,
      defaultVersionId: defaultVersion,
      versions: docs.map((d, i) => ({ versionId: `v${i + 1}`, isDefault: `v${i + 1}` === defaultVersion, createDate: null, document: doc(d) })),
      attachmentCount: null,
    }
  })
  // AWS-managed policies referenced but not defined: AdministratorAccess is full access; others are unknown (empty).
  const referenced = new Set([...users, ...groups, ...roles].flatMap((p) => [...p.attachedPolicies]))
  for (const p of [...users, ...roles]) if (p.permissionsBoundary) referenced.add(p.permissionsBoundary)
  for (const arn of referenced) {
    if (!arn.startsWith('arn:aws:iam::aws:policy/') || managedPolicies.some((p) => p.arn === arn)) continue
    const name = arn.split('/').pop() as string
    const isFull = name === 'AdministratorAccess'
    managedPolicies.push({
      arn,
      name,
      policyId: null,
      path: '/',
      isAwsManaged: true,
      accountId: null,
      defaultVersionId: 'v1',
      versions: [{ versionId: 'v1', isDefault: true, createDate: null, document: isFull ? FULL : { Version: '2012-10-17', Statement: [] } }],
      attachmentCount: null,
    })
  }
  const resources: AwsResource[] = (spec.resources ?? []).map((r) => {
    const account = r.arn.split(':')[4] || ACCOUNT
    return {
      arn: r.arn,
      type: r.type,
      name: r.name ?? r.arn.split(/[:/]/).pop() ?? r.arn,
      accountId: account,
      region: r.region ?? (r.arn.split(':')[3] || null),
      tags: r.tags ?? {},
      policy: r.policy ? doc(r.policy) : null,
      runsAs: (r.runsAs ?? []).map((x) => ref(x, account)),
      properties: r.properties ?? {},
    }
  })
  const accountIds = new Set<string>([...users, ...groups, ...roles].map((p) => p.accountId))
  for (const r of resources) accountIds.add(r.accountId)
  let accounts: AwsAccount[] = []
  let organization: AwsInventory['organization'] = null
  if (spec.scps && spec.scps.length > 0) {
    accounts = [...accountIds].map((id) => ({ id, name: null, orgPath: ['r-root'], organizationId: 'o-aaaaaaaaaa', isManagementAccount: false }))
    const policies: AwsOrgPolicy[] = [
      { id: 'p-FullAWSAccess', arn: null, name: 'FullAWSAccess', type: 'SERVICE_CONTROL_POLICY', document: FULL, targets: ['r-root', ...accountIds] },
      ...spec.scps.map((s, i) => ({ id: `p-scp${i}`, arn: null, name: s.name, type: 'SERVICE_CONTROL_POLICY' as const, document: doc(s.document), targets: s.targets ?? [...accountIds] })),
    ]
    organization = { id: 'o-aaaaaaaaaa', managementAccountId: '999999999999', units: [{ id: 'r-root', name: 'Root', parentId: null }], policies }
  }
  const identityProviders: AwsIdentityProvider[] = (spec.identityProviders ?? []).map((p) => ({
    arn: p.arn,
    accountId: p.arn.split(':')[4] ?? ACCOUNT,
    type: p.type,
    url: p.url ?? null,
    clientIds: ['sts.amazonaws.com'],
  }))
  return { accounts, users, groups, roles, managedPolicies, identityProviders, resources, organization }
}
