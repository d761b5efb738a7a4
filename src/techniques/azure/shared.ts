/**
 * @module techniques/azure/shared
 * Building blocks the Azure technique files share: who holds a directory
 * role, which ARM assignments grant an operation and to whom (deny
 * assignments applied), resources under a scope, and evidence builders.
 */
import type { AzAppRoleAssignment, AzDevice, AzDirectoryRoleAssignment, AzDirectoryRoleDefinition, AzResource, AzRoleAssignment, ConditionRef, EdgeInput, Evidence, NonEmpty } from '../../model/index.js'
import { azureArmId } from '../../model/index.js'
import type { ActionPlane, DirectoryScope, GraphCapability, GraphPermissionSpec, RbacGrant } from '../../azure/index.js'
import { entraRoleName, findGraphPermission, normaliseScope, parseDirectoryScope, pimActivationCondition } from '../../azure/index.js'
import type { Technique } from '../technique.js'
import type { AzureTechniqueContext } from './context.js'
import { isManagedIdentity, objectNode, scopeNode, tenantNode } from './context.js'
import { perContext } from '../per-context.js'

/** One holder of a directory role. */
export interface DirectoryRoleHolder {
  readonly assignment: AzDirectoryRoleAssignment
  /** Node id of the holder (user, group, service principal). */
  readonly from: string
  readonly principalId: string
  readonly roleId: string
  readonly roleName: string
  readonly scope: DirectoryScope
  /** Node id of the assignment's directory scope (the tenant for `/`), as on the holding edges. */
  readonly scopeNode: string
  /** PIM activation requirements for an eligible assignment; empty when active. */
  readonly conditions: readonly ConditionRef[]
}

/** The tenant an Entra object belongs to (its record's tenant, else the inventory's default). */
export function tenantOf(ctx: AzureTechniqueContext, objectId: string): string | null {
  const id = objectId.toLowerCase()
  const { users, groups, servicePrincipals } = ctx.index
  const own = users.get(id)?.tenantId ?? groups.get(id)?.tenantId ?? servicePrincipals.get(id)?.tenantId ?? null
  return own?.toLowerCase() ?? ctx.index.defaultTenantId
}

/**
 * The node id of a directory scope: the tenant for `/`, the object for
 * `/<id>` (an app scope written with the appId resolves to the app), the
 * administrative unit's object id for `/administrativeUnits/<id>` (AUs are
 * not collected, so no node carries it; a scope filter never matches it).
 */
export function directoryScopeNode(ctx: AzureTechniqueContext, directoryScopeId: string, tenantId: string): string {
  const scope = parseDirectoryScope(directoryScopeId)
  switch (scope.kind) {
    case 'tenant':
      return tenantNode(tenantId)
    case 'administrativeUnit':
      return objectNode(scope.id)
    case 'object':
      return objectNode(ctx.index.appsByAppId.get(scope.id)?.id ?? scope.id)
  }
}

/** The inventory's directory role definitions by lower-cased id. */
export const directoryRoleDefinitions = perContext((ctx: AzureTechniqueContext): ReadonlyMap<string, AzDirectoryRoleDefinition> => new Map(ctx.inventory.directoryRoleDefinitions.map((d) => [d.id.toLowerCase(), d])))

/** The display name of a directory role: the inventory's definition, else the built-in table. */
export function directoryRoleName(ctx: AzureTechniqueContext, roleId: string): string {
  return directoryRoleDefinitions(ctx).get(roleId.toLowerCase())?.displayName ?? entraRoleName(roleId)
}

/**
 * Holders of any of `roleIds`. Assignments scoped to an administrative unit
 * are skipped: they reach only AU members, and AU membership is not in the
 * inventory (AzureHound does not collect it), so no edge can be justified.
 * Object-scoped assignments are returned only when `includeObjectScope`.
 */
export function* directoryRoleHolders(ctx: AzureTechniqueContext, roleIds: readonly string[], includeObjectScope = false): Generator<DirectoryRoleHolder> {
  const wanted = new Set(roleIds.map((r) => r.toLowerCase()))
  for (const list of ctx.index.directoryRolesByPrincipal.values()) {
    for (const a of list) {
      if (!wanted.has(a.roleDefinitionId)) continue
      const scope = parseDirectoryScope(a.directoryScopeId)
      if (scope.kind === 'administrativeUnit') continue
      if (scope.kind === 'object' && !includeObjectScope) continue
      const tenantId = tenantOf(ctx, a.principalId)
      yield {
        assignment: a,
        from: objectNode(a.principalId),
        principalId: a.principalId,
        roleId: a.roleDefinitionId,
        roleName: directoryRoleName(ctx, a.roleDefinitionId),
        scope,
        // Without a known tenant no holder node exists either (its edge is dropped): keep the raw scope.
        scopeNode: tenantId === null ? a.directoryScopeId : directoryScopeNode(ctx, a.directoryScopeId, tenantId),
        conditions: a.status === 'eligible' ? [pimActivationCondition(a.id, ctx.index.rolePolicies.get(a.roleDefinitionId))] : [],
      }
    }
  }
}

/** Evidence for a directory role assignment. */
export function entraEvidence(holder: DirectoryRoleHolder, note: string, action?: string): Evidence {
  return {
    type: 'entra-role-assignment',
    policy: holder.assignment.id,
    policyName: holder.roleName,
    action: action ?? holder.roleName,
    resource: holder.scopeNode,
    note: holder.assignment.status === 'eligible' ? `${note} (PIM eligible: must be activated first)` : note,
  }
}

/** One ARM role assignment that grants an operation. */
export interface ArmGrant {
  readonly assignment: AzRoleAssignment
  readonly grant: RbacGrant
}

/** Every role assignment whose role grants `action` (any scope), optionally filtered. */
export function* armGrants(ctx: AzureTechniqueContext, action: string, plane: ActionPlane = 'control', keep?: (g: ArmGrant) => boolean): Generator<ArmGrant> {
  for (const assignment of ctx.rbac.assignments) {
    const grant = ctx.rbac.grantOf(assignment, action, plane)
    if (!grant) continue
    const g = { assignment, grant }
    if (!keep || keep(g)) yield g
  }
}

/** True when the assignment's role is one of `roleIds` (bare GUIDs). */
export function hasRole(g: ArmGrant, roleIds: readonly string[]): boolean {
  return roleIds.includes(g.grant.definition.id.toLowerCase())
}

/**
 * The principals (node ids) for which an ARM grant holds at `targetScope`.
 * Without a deny assignment on the way, that is the assignee itself (a group's
 * members reach it through MemberOf). When a deny assignment covers the
 * operation there, the group is expanded and denied members are dropped:
 * an edge must not exist for a principal Azure would refuse.
 */
export function armHolders(ctx: AzureTechniqueContext, g: ArmGrant, action: string, targetScope: string, plane: ActionPlane = 'control'): string[] {
  const principal = g.assignment.principalId
  if (!ctx.rbac.hasDenyFor(action, targetScope, plane)) return [objectNode(principal)]
  const candidates = ctx.index.groups.has(principal) ? ctx.rbac.membersOf(principal) : [principal]
  return candidates.filter((p) => ctx.rbac.denyOf(p, action, targetScope, plane) === null).map(objectNode)
}

/** Evidence for an Azure RBAC assignment that grants `action`. */
export function armEvidence(g: ArmGrant, action: string, note: string): Evidence {
  return {
    type: 'azure-role-assignment',
    policy: g.assignment.id,
    policyName: g.grant.definition.roleName,
    action,
    resource: g.assignment.scope,
    note: `${note} (role grants \`${g.grant.pattern}\`${g.grant.definitionSource === 'builtin-table' ? '; built-in definition' : ''})`,
  }
}

/** Per-context index: scope → resources at or below it (built on first use). */
const resourcesByScope = perContext((ctx: AzureTechniqueContext): Map<string, AzResource[]> => {
  const index = new Map<string, AzResource[]>()
  // Each resource is listed under every scope above it (depth ≤ ~6), so a lookup
  // per grant replaces a scan of every resource per grant (DESIGN.md budget).
  for (const [id, r] of ctx.index.resources) {
    for (const scope of ctx.rbac.hierarchy.ancestorsOf(id)) {
      const list = index.get(scope) ?? []
      list.push(r)
      index.set(scope, list)
    }
  }
  return index
})

/** Per-context cache of typed lookups: many assignments share a scope (a subscription), so filter its resources once. */
const typedResourcesWithin = perContext((_ctx: AzureTechniqueContext): Map<string, readonly AzResource[]> => new Map())

/** Resources of the given ARM types at or below `scope` (types compared case-insensitively), in inventory order. Do not mutate the result. */
export function resourcesWithin(ctx: AzureTechniqueContext, scope: string, types: readonly string[] | null): readonly AzResource[] {
  const at = normaliseScope(scope)
  const all = resourcesByScope(ctx).get(at) ?? []
  if (!types) return all
  const want = new Set(types.map((t) => t.toLowerCase()))
  const key = `${at}\n${[...want].sort().join('\n')}`
  const cache = typedResourcesWithin(ctx)
  let hit = cache.get(key)
  if (!hit) {
    hit = all.filter((r) => want.has(r.type.toLowerCase()))
    cache.set(key, hit)
  }
  return hit
}

/** The tenant of the inventory (for tenant-scoped edges). */
export function defaultTenantNode(ctx: AzureTechniqueContext, tenantId?: string | null): string | null {
  const t = tenantId ?? ctx.index.defaultTenantId
  return t ? tenantNode(t) : null
}

/** Node id of an assignment's scope. */
export function assignmentScopeNode(ctx: AzureTechniqueContext, g: ArmGrant): string {
  return scopeNode(g.assignment.scope, ctx.index.defaultTenantId)
}

/** An edge produced by `technique`, with its cost and kind. */
export function techniqueEdge(technique: Technique<AzureTechniqueContext>, from: string, to: string, evidence: NonEmpty<Evidence>, conditions: readonly ConditionRef[] = [], accessLevels?: EdgeInput['accessLevels']): EdgeInput {
  return { from, to, kind: technique.edgeKind, technique: technique.id, evidence, conditions, cost: technique.cost, ...(accessLevels ? { accessLevels } : {}) }
}

/**
 * The common shape of an "ARM role on compute" technique: every assignment
 * whose role is one of `roleIds` and grants `action` gives CanControl over each
 * resource of `types` within its scope.
 */
export function* detectArmCompute(
  ctx: AzureTechniqueContext,
  technique: Technique<AzureTechniqueContext>,
  opts: { readonly roleIds: readonly string[] | null; readonly action: string; readonly plane?: ActionPlane; readonly types: readonly string[]; readonly note: string; readonly keep?: (g: ArmGrant) => boolean },
): Generator<EdgeInput> {
  const plane = opts.plane ?? 'control'
  for (const g of armGrants(ctx, opts.action, plane)) {
    if (opts.roleIds && !hasRole(g, opts.roleIds)) continue
    if (opts.keep && !opts.keep(g)) continue
    for (const r of resourcesWithin(ctx, g.assignment.scope, opts.types)) {
      const to = azureArmId(r.id)
      for (const from of armHolders(ctx, g, opts.action, to, plane)) {
        yield techniqueEdge(technique, from, to, [armEvidence(g, opts.action, `${opts.note} ${r.name}`)], g.grant.conditions)
      }
    }
  }
}

/**
 * The Windows devices of the inventory: Intune platform scripts, remediations
 * and Win32 apps run on Windows only (operatingSystem containing "windows",
 * any case). Whether a device is Intune-enrolled is not in the device record.
 */
export function windowsDevices(ctx: AzureTechniqueContext): AzDevice[] {
  return (ctx.inventory.devices ?? []).filter((d) => (d.operatingSystem ?? '').toLowerCase().includes('windows'))
}

/** Microsoft's own tenant: first-party service principals refuse new credentials. */
export const MICROSOFT_FIRST_PARTY_TENANT = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a'

/** A principal a credential can be added to: an app registration, or an SP whose app is not in the tenant. */
export interface CredentialTarget {
  readonly to: string
  readonly name: string
  /** Object ids of the app and its SP (either may be absent), for owner and scope checks. */
  readonly objectIds: readonly string[]
  readonly appId: string
}

/**
 * Where an attacker can add a credential. An app registration's credential
 * authenticates as its service principal (app → SP edge), so SPs whose app is
 * in the inventory are reached through the app and get no separate edge.
 * Managed identities take no credentials (BloodHound#943) and Microsoft
 * first-party SPs refuse them.
 */
export const credentialTargets = perContext((ctx: AzureTechniqueContext): readonly CredentialTarget[] => {
  const out: CredentialTarget[] = []
  for (const app of ctx.index.apps.values()) {
    const sp = ctx.index.servicePrincipalsByAppId.get(app.appId.toLowerCase())
    out.push({ to: objectNode(app.id), name: app.displayName, objectIds: [app.id.toLowerCase(), ...(sp ? [sp.id.toLowerCase()] : [])], appId: app.appId.toLowerCase() })
  }
  for (const sp of ctx.index.servicePrincipals.values()) {
    if (ctx.index.appsByAppId.has(sp.appId.toLowerCase())) continue
    if (isManagedIdentity(sp)) continue
    if (sp.appOwnerTenantId?.toLowerCase() === MICROSOFT_FIRST_PARTY_TENANT) continue
    out.push({ to: objectNode(sp.id), name: sp.displayName, objectIds: [sp.id.toLowerCase()], appId: sp.appId.toLowerCase() })
  }
  return out
})

/** True when an object-scoped directory role (`/<appId>` or `/<object id>`) covers the target. */
function scopeCovers(scope: DirectoryScope, target: CredentialTarget): boolean {
  if (scope.kind === 'tenant') return true
  if (scope.kind === 'administrativeUnit') return false
  return scope.id === target.appId || target.objectIds.includes(scope.id)
}

/** The credential targets a directory role holder reaches: those its assignment's scope covers, itself excluded. */
export function* credentialTargetsOf(ctx: AzureTechniqueContext, h: DirectoryRoleHolder): Generator<CredentialTarget> {
  for (const t of credentialTargets(ctx)) {
    if (scopeCovers(h.scope, t) && !t.objectIds.includes(h.principalId)) yield t
  }
}

/** One Graph application permission held by a service principal. */
export interface GraphPermissionHolder {
  readonly assignment: AzAppRoleAssignment
  readonly spec: GraphPermissionSpec
  readonly from: string
  readonly principalId: string
}

/**
 * Service principals holding a dangerous Microsoft Graph application
 * permission with one of `capabilities`. The app role must be one Microsoft
 * Graph exposes: when the Graph SP is in the inventory the assignment's
 * resource must be it; otherwise the (Graph-unique) app role id decides.
 */
export function* graphPermissionHolders(ctx: AzureTechniqueContext, capabilities: readonly GraphCapability[]): Generator<GraphPermissionHolder> {
  const graphSps = ctx.index.graphServicePrincipalIds
  for (const a of ctx.inventory.appRoleAssignments) {
    if (graphSps.size > 0 && !graphSps.has(a.resourceId.toLowerCase())) continue
    const spec = findGraphPermission(a.appRoleId, graphSps.size > 0 ? a.appRoleValue : null)
    if (!spec || !capabilities.includes(spec.capability)) continue
    // Application permissions are granted to service principals only; a user/group grantee is an app role of another kind.
    if (ctx.index.users.has(a.principalId.toLowerCase()) || ctx.index.groups.has(a.principalId.toLowerCase())) continue
    yield { assignment: a, spec, from: objectNode(a.principalId), principalId: a.principalId.toLowerCase() }
  }
}

/** Evidence for a Graph application permission. */
export function appRoleEvidence(h: GraphPermissionHolder, note: string): Evidence {
  return { type: 'app-role-assignment', policy: h.assignment.id, policyName: h.spec.value, action: h.spec.value, resource: 'Microsoft Graph', note }
}

/** The operation that makes an assignment able to grant roles (Owner, UAA, RBAC Administrator). */
export const ROLE_ASSIGNMENT_WRITE = 'Microsoft.Authorization/roleAssignments/write'

/**
 * Operations a "contributor-class" role grants everywhere: running code on
 * VMs, deploying web apps, editing vaults, runbooks and resource groups. A
 * role granting all of them controls whatever sits in its scope.
 */
export const BROAD_CONTROL_PROBES: readonly string[] = [
  'Microsoft.Compute/virtualMachines/runCommand/action',
  'Microsoft.Web/sites/write',
  'Microsoft.KeyVault/vaults/write',
  'Microsoft.Automation/automationAccounts/runbooks/write',
  'Microsoft.Resources/subscriptions/resourceGroups/write',
]

/** True when the assignment's role grants every broad-control probe. */
export function isBroadControl(ctx: AzureTechniqueContext, g: ArmGrant): boolean {
  return BROAD_CONTROL_PROBES.every((a) => ctx.rbac.grantOf(g.assignment, a) !== null)
}

/** True when the assignment's role grants role-assignment writes. */
export function canAssignRoles(ctx: AzureTechniqueContext, g: ArmGrant): boolean {
  return ctx.rbac.grantOf(g.assignment, ROLE_ASSIGNMENT_WRITE) !== null
}

/** What one Key Vault data technique reads, in both permission models. */
export interface KeyVaultDataSpec {
  /** Access-policy list to read (`secrets`, `keys`, `certificates`). */
  readonly policyList: 'secrets' | 'keys' | 'certificates'
  /** Access-policy permission names (lower case) that expose the material; `all` always counts. */
  readonly policyPermissions: readonly string[]
  /** The RBAC data action that does the same on an RBAC-model vault. */
  readonly dataAction: string
  readonly what: string
}

/**
 * Who can read a vault's secrets / keys / certificates. Access policies count
 * only when the vault does not use the RBAC model (Azure ignores them then),
 * and permission names match case-insensitively (`Get`, `get`, `all`).
 * RBAC data roles count only on RBAC-model vaults.
 * https://learn.microsoft.com/azure/key-vault/general/rbac-access-policy
 */
export function* detectKeyVaultData(ctx: AzureTechniqueContext, technique: Technique<AzureTechniqueContext>, spec: KeyVaultDataSpec): Generator<EdgeInput> {
  const vaults = new Map(resourcesWithin(ctx, '/', ['Microsoft.KeyVault/vaults']).map((v) => [azureArmId(v.id), v]))
  const wanted = new Set([...spec.policyPermissions, 'all'])
  for (const p of ctx.inventory.keyVaultAccessPolicies ?? []) {
    const vaultId = azureArmId(p.keyVaultId)
    const vault = vaults.get(vaultId)
    if (!vault || vault.properties['enableRbacAuthorization'] === true) continue
    const hit = p[spec.policyList].find((perm) => wanted.has(perm.toLowerCase()))
    if (!hit) continue
    // A compound identity (applicationId set) holds only when the user acts through that app.
    const conditions: ConditionRef[] = p.applicationId ? [{ operator: 'CompoundIdentity', key: 'azure:keyVaultApplicationId', values: [p.applicationId], policy: p.id }] : []
    yield techniqueEdge(technique, objectNode(p.objectId), vaultId, [{ type: 'key-vault-access-policy', policy: p.id, policyName: vault.name, action: `${spec.policyList}/${hit}`, resource: vaultId, note: `access policy lets it read ${spec.what} of vault ${vault.name}` }], conditions, ['Read'])
  }
  for (const g of armGrants(ctx, spec.dataAction, 'data')) {
    for (const vault of resourcesWithin(ctx, g.assignment.scope, ['Microsoft.KeyVault/vaults'])) {
      if (vault.properties['enableRbacAuthorization'] !== true) continue
      const to = azureArmId(vault.id)
      for (const from of armHolders(ctx, g, spec.dataAction, to, 'data')) {
        yield techniqueEdge(technique, from, to, [armEvidence(g, spec.dataAction, `may read ${spec.what} of RBAC-model vault ${vault.name}`)], g.grant.conditions, ['Read'])
      }
    }
  }
}
