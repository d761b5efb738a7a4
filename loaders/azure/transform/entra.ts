/**
 * @module loaders/azure/transform/entra
 * Pure conversions of Microsoft Graph directory objects (AzureHound's Entra
 * records are Graph objects plus `tenantId`; `az ad ... list` and live Graph
 * return them bare) into inventory records. Object ids are lower-cased.
 * Credential values are never read: only key ids, names and dates.
 */
import type {
  AzApp,
  AzCredential,
  AzDirectoryRoleDefinition,
  AzGroup,
  AzServicePrincipal,
  AzUser,
} from '../../../src/model/index.js'
import { azureArmId, subjectTestOf } from '../../../src/model/index.js'
import { parseClaimsMatchingExpression } from './fic-expression.js'

const lc = (s: string): string => s.toLowerCase()

/** Graph passwordCredential / keyCredential metadata. */
export interface KeyCredentialInput {
  readonly keyId: string
  readonly displayName?: string | null
  readonly startDateTime?: string | null
  readonly endDateTime?: string | null
}

/** Secrets and certificates → AzCredential (ids = lower-cased keyId). */
export function toCredentials(
  passwords: readonly KeyCredentialInput[] | null | undefined,
  keys: readonly KeyCredentialInput[] | null | undefined,
): AzCredential[] {
  const one = (c: KeyCredentialInput, type: 'secret' | 'certificate'): AzCredential => ({
    id: lc(c.keyId),
    type,
    displayName: c.displayName ?? null,
    startDate: c.startDateTime ?? null,
    endDate: c.endDateTime ?? null,
    issuer: null,
    subject: null,
    audiences: [],
  })
  return [...(passwords ?? []).map((c) => one(c, 'secret')), ...(keys ?? []).map((c) => one(c, 'certificate'))]
}

/** A Graph federatedIdentityCredential as the loaders read it (AzureHound, az, live Graph share the shape). */
export interface FederatedCredentialInput {
  readonly id: string
  readonly name?: string | null
  readonly issuer: string
  readonly subject?: string | null
  readonly audiences?: readonly string[] | null
  /** Flexible credentials: `{ value, languageVersion }` instead of `subject`. */
  readonly claimsMatchingExpression?: { readonly value: string; readonly languageVersion?: number | null } | null
}

/** Where a loader reports an oddity of one record: a JSON path below the record, and the message. */
export type ReportProblem = (path: string, message: string) => void

/**
 * A Graph federatedIdentityCredential → AzCredential of type `federated`.
 * A flexible credential's expression is read into claim tests; its first
 * `sub` test becomes `subject`. An expression that cannot be read is
 * reported (a data problem, not a load failure) and kept with `tests: null`,
 * so no external identity is linked to it: who satisfies it is unknown.
 */
export function toFederatedCredential(fic: FederatedCredentialInput, report: ReportProblem = () => undefined): AzCredential {
  const base: AzCredential = {
    id: lc(fic.id),
    type: 'federated',
    displayName: fic.name ?? null,
    startDate: null,
    endDate: null,
    issuer: fic.issuer,
    subject: fic.subject ? fic.subject : null,
    audiences: fic.audiences ?? [],
  }
  const flexible = fic.claimsMatchingExpression ?? null
  if (!flexible) {
    if (base.subject === null) {
      report('.subject', `federated credential \`${fic.id}\` has neither a subject nor a claims-matching expression (a flexible credential read through an API version that omits the expression?): it is treated as trusting every subject of its issuer`)
    }
    return base
  }
  if (base.subject !== null) {
    // Graph makes the two mutually exclusive; a record with both is inconsistent, and the subject is what a standard credential enforces.
    report('.claimsMatchingExpression', `federated credential \`${fic.id}\` has both a subject and a claims-matching expression (Entra allows only one): the subject is used`)
    return base
  }
  const languageVersion = flexible.languageVersion ?? null
  const parsed = parseClaimsMatchingExpression(flexible.value, languageVersion)
  if ('error' in parsed) {
    report('.claimsMatchingExpression.value', `federated credential \`${fic.id}\`: claims-matching expression \`${flexible.value}\` not understood: ${parsed.error}; no external identity is linked to it`)
    return { ...base, claimsMatching: { expression: flexible.value, languageVersion, tests: null } }
  }
  const sub = subjectTestOf(parsed.tests)
  return { ...base, subject: sub ? sub.value : null, claimsMatching: { expression: flexible.value, languageVersion, tests: parsed.tests } }
}

/** Graph user fields read. */
export interface UserInput {
  readonly id: string
  readonly userPrincipalName: string
  readonly displayName?: string | null
  readonly accountEnabled?: boolean | null
  readonly userType?: string | null
  readonly onPremisesSyncEnabled?: boolean | null
  readonly onPremisesSecurityIdentifier?: string | null
  readonly lastPasswordChangeDateTime?: string | null
  readonly signInActivity?: { readonly lastSignInDateTime?: string | null } | null
}

/** A Graph user → AzUser. `accountEnabled` absent means unknown; Entra's default is enabled. */
export function toUser(u: UserInput, tenantId: string): AzUser {
  return {
    id: lc(u.id),
    tenantId: lc(tenantId),
    userPrincipalName: u.userPrincipalName,
    displayName: u.displayName ?? null,
    enabled: u.accountEnabled ?? true,
    userType: u.userType ?? null,
    onPremisesSynced: u.onPremisesSyncEnabled === true,
    lastSignIn: u.signInActivity?.lastSignInDateTime ?? null,
    passwordLastSet: u.lastPasswordChangeDateTime ?? null,
    mfaRegistered: null,
    onPremisesSecurityIdentifier: u.onPremisesSecurityIdentifier ?? null,
  }
}

/** Graph group fields read. */
export interface GroupInput {
  readonly id: string
  readonly displayName?: string | null
  readonly isAssignableToRole?: boolean | null
  readonly securityEnabled?: boolean | null
  readonly membershipRule?: string | null
}

/** A Graph group → AzGroup without members/owners (added separately). */
export function toGroup(g: GroupInput, tenantId: string): Omit<AzGroup, 'members' | 'owners'> {
  return {
    id: lc(g.id),
    tenantId: lc(tenantId),
    displayName: g.displayName ?? g.id,
    isAssignableToRole: g.isAssignableToRole === true,
    securityEnabled: g.securityEnabled !== false,
    membershipRule: g.membershipRule ?? null,
  }
}

/** Graph application fields read. */
export interface AppInput {
  readonly id: string
  readonly appId: string
  readonly displayName?: string | null
  readonly passwordCredentials?: readonly KeyCredentialInput[] | null
  readonly keyCredentials?: readonly KeyCredentialInput[] | null
}

/** A Graph application → AzApp without owners. */
export function toApp(a: AppInput, tenantId: string): Omit<AzApp, 'owners'> {
  return {
    id: lc(a.id),
    appId: lc(a.appId),
    tenantId: lc(tenantId),
    displayName: a.displayName ?? a.appId,
    credentials: toCredentials(a.passwordCredentials, a.keyCredentials),
  }
}

/** Graph servicePrincipal fields read. */
export interface ServicePrincipalInput {
  readonly id: string
  readonly appId: string
  readonly displayName?: string | null
  readonly servicePrincipalType?: string | null
  readonly appOwnerOrganizationId?: string | null
  readonly alternativeNames?: readonly string[] | null
  readonly appRoles?: readonly { readonly id: string; readonly value?: string | null }[] | null
  readonly passwordCredentials?: readonly KeyCredentialInput[] | null
  readonly keyCredentials?: readonly KeyCredentialInput[] | null
}

/**
 * A Graph servicePrincipal → AzServicePrincipal without owners. For managed
 * identities `alternativeNames` holds `isExplicit=True|False` and the ARM id
 * of the identity (user-assigned) or of its host resource (system-assigned).
 */
export function toServicePrincipal(sp: ServicePrincipalInput, tenantId: string): Omit<AzServicePrincipal, 'owners'> {
  const armIds = (sp.alternativeNames ?? []).filter((n) => n.startsWith('/')).map(azureArmId)
  return {
    id: lc(sp.id),
    appId: lc(sp.appId),
    tenantId: lc(tenantId),
    displayName: sp.displayName ?? sp.appId,
    servicePrincipalType: sp.servicePrincipalType ?? 'Application',
    appOwnerTenantId: sp.appOwnerOrganizationId ? lc(sp.appOwnerOrganizationId) : null,
    credentials: toCredentials(sp.passwordCredentials, sp.keyCredentials),
    appRoles: (sp.appRoles ?? []).map((r) => ({ id: lc(r.id), value: r.value ?? null })),
    managedIdentityResourceIds: armIds,
  }
}

/** Graph unifiedRoleDefinition fields read. */
export interface DirectoryRoleDefinitionInput {
  readonly id: string
  readonly templateId?: string | null
  readonly displayName?: string | null
  readonly isBuiltIn?: boolean | null
  readonly rolePermissions?: readonly { readonly allowedResourceActions?: readonly string[] | null }[] | null
}

/** A Graph unifiedRoleDefinition → AzDirectoryRoleDefinition (id = template id when present). */
export function toDirectoryRoleDefinition(r: DirectoryRoleDefinitionInput): AzDirectoryRoleDefinition {
  return {
    id: lc(r.templateId ?? r.id),
    displayName: r.displayName ?? r.id,
    isBuiltIn: r.isBuiltIn !== false,
    allowedResourceActions: (r.rolePermissions ?? []).flatMap((p) => p.allowedResourceActions ?? []),
  }
}

/** The Graph object types a group member or owner may be; others are dropped with a warning. */
const DIRECTORY_OBJECT_TYPES = new Set([
  '#microsoft.graph.user',
  '#microsoft.graph.group',
  '#microsoft.graph.serviceprincipal',
  '#microsoft.graph.device',
])

/**
 * Member / owner ids of directory objects: typed by `@odata.type` (absent =
 * accepted, az CLI keeps it); other types (e.g. orgContact) are returned as rejected.
 */
export function directoryObjectIds(objects: readonly { readonly id: string; readonly '@odata.type'?: string | null }[]): {
  ids: string[]
  rejected: string[]
} {
  const ids: string[] = []
  const rejected: string[] = []
  for (const o of objects) {
    const t = o['@odata.type']
    if (t && !DIRECTORY_OBJECT_TYPES.has(t.toLowerCase())) rejected.push(`${lc(o.id)} (${t})`)
    else ids.push(lc(o.id))
  }
  return { ids, rejected }
}

/**
 * A directory-role scope, lower-cased: `/` (tenant), `/administrativeUnits/<id>`,
 * or `/<id>` (an app; AzureHound writes the appId, Graph the object id).
 */
export function normaliseDirectoryScope(scope: string | null | undefined): string {
  if (!scope || scope === '/') return '/'
  return scope.toLowerCase().replace(/\/administrativeunits\//, '/administrativeUnits/')
}
