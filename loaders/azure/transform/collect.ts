/**
 * @module loaders/azure/transform/collect
 * The in-memory accumulator every Azure input (AzureHound, az CLI, live) feeds.
 * Records arrive in any order (a group's members before the group, an app's
 * owners before the app), so references are held by id and resolved once, in
 * `finish()`, after everything has been read. Pure: no I/O.
 */
import type {
  AzApp,
  AzAppRoleAssignment,
  AzCredential,
  AzDenyAssignment,
  AzDevice,
  AzDirectoryRoleAssignment,
  AzDirectoryRoleDefinition,
  AzGroup,
  AzKeyVaultAccessPolicy,
  AzManagementGroup,
  AzResource,
  AzResourceGroup,
  AzRoleAssignment,
  AzRoleDefinition,
  AzRoleManagementPolicy,
  AzServicePrincipal,
  AzSubscription,
  AzTenant,
  AzUser,
  AzureInventory,
  DataIssue,
} from '../../../src/model/index.js'
import { AZURE_RESOURCE_TYPES, azureArmId, dropSecretNamedKeys } from '../../../src/model/index.js'
import type { ArmResourceInput } from './arm.js'
import { armNameOf, parseArmScope, toResource } from './arm.js'

/**
 * Microsoft Graph's application id, and the ids of the Graph application
 * permissions that amount to tier zero (azure-techniques.md section 4), used to
 * name an app role assignment when Graph's service principal is not in the dump.
 */
const MICROSOFT_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000'
const KNOWN_GRAPH_APP_ROLES: Readonly<Record<string, string>> = {
  '9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8': 'RoleManagement.ReadWrite.Directory',
  '06b708a9-e830-4db3-a914-8e69da51d44f': 'AppRoleAssignment.ReadWrite.All',
  '1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9': 'Application.ReadWrite.All',
  '19dbc75e-c2e2-444c-a770-ec69d8559fc7': 'Directory.ReadWrite.All',
  '62a82d76-70ea-41e2-9197-370581804d09': 'Group.ReadWrite.All',
  'dbaae8cf-10b5-4b86-a4a1-f871c94c6695': 'GroupMember.ReadWrite.All',
  '89c8469c-83ad-45f7-8ff2-6e3d4285709e': 'ServicePrincipalEndpoint.ReadWrite.All',
}

/** An app role assignment before its value is resolved against the resource SP. */
export interface AppRoleAssignmentDraft {
  readonly id: string
  readonly principalId: string
  readonly resourceId: string
  readonly appRoleId: string
  /** The resource application's appId, when the input carries it (AzureHound does). */
  readonly resourceAppId: string | null
}

/** A directory role assignment whose scope may still name an app by appId (AzureHound PR #78). */
export interface DirectoryRoleAssignmentDraft extends AzDirectoryRoleAssignment {
  /** True when a `/<guid>` scope is an appId (AzureHound) rather than an object id (Graph). */
  readonly scopeIsAppId: boolean
}

/** Accumulates Azure records from any source; `finish()` resolves references. */
export class AzureCollector {
  private readonly tenants = new Map<string, AzTenant>()
  private readonly users = new Map<string, AzUser>()
  private readonly groups = new Map<string, Omit<AzGroup, 'members' | 'owners'>>()
  private readonly groupMembers = new Map<string, Set<string>>()
  private readonly groupOwners = new Map<string, Set<string>>()
  private readonly apps = new Map<string, Omit<AzApp, 'owners'>>()
  /** App owners keyed by the app's appId or object id (AzureHound keys by appId). */
  private readonly appOwners = new Map<string, Set<string>>()
  private readonly appFics = new Map<string, Map<string, AzCredential>>()
  private readonly sps = new Map<string, Omit<AzServicePrincipal, 'owners'>>()
  private readonly spOwners = new Map<string, Set<string>>()
  private readonly devices = new Map<string, AzDevice>()
  private readonly managementGroups = new Map<string, AzManagementGroup>()
  private readonly subscriptions = new Map<string, AzSubscription>()
  private readonly resourceGroups = new Map<string, AzResourceGroup>()
  private readonly resources = new Map<string, AzResource>()
  /** child ARM id → parent MG ARM id, from MG descendants and MG `details.parent`. */
  private readonly parents = new Map<string, string>()
  private readonly roleDefinitions = new Map<string, AzRoleDefinition>()
  private readonly roleAssignments = new Map<string, AzRoleAssignment>()
  private readonly denyAssignments = new Map<string, AzDenyAssignment>()
  private readonly directoryRoleDefinitions = new Map<string, AzDirectoryRoleDefinition>()
  private readonly directoryRoleAssignments = new Map<string, DirectoryRoleAssignmentDraft>()
  private readonly appRoleAssignments = new Map<string, AppRoleAssignmentDraft>()
  private readonly keyVaultAccessPolicies = new Map<string, AzKeyVaultAccessPolicy>()
  private readonly roleManagementPolicies = new Map<string, AzRoleManagementPolicy>()
  /** Data problems found while reading; returned with the inventory. */
  readonly issues: DataIssue[] = []
  /** Unknown record kinds and how often each was seen. */
  readonly unknownKinds = new Map<string, number>()

  /** Record a data problem. */
  warn(where: string, message: string): void {
    this.issues.push({ severity: 'warning', where, message })
  }

  /** A tenant; a later record fills names an earlier stub lacked. */
  addTenant(t: AzTenant): void {
    const prev = this.tenants.get(t.id)
    this.tenants.set(t.id, prev ? { id: t.id, displayName: prev.displayName ?? t.displayName, primaryDomain: prev.primaryDomain ?? t.primaryDomain } : t)
  }
  /** A user. */
  addUser(u: AzUser): void {
    this.users.set(u.id, u)
  }
  /** A group, without members/owners (added separately, in any order). */
  addGroup(g: Omit<AzGroup, 'members' | 'owners'>): void {
    this.groups.set(g.id, g)
  }
  /** Direct members of a group (object ids), before or after the group itself. */
  addGroupMembers(groupId: string, memberIds: readonly string[]): void {
    addAll(this.groupMembers, groupId, memberIds)
  }
  /** Owners of a group (object ids). */
  addGroupOwners(groupId: string, ownerIds: readonly string[]): void {
    addAll(this.groupOwners, groupId, ownerIds)
  }
  /** An app registration; credentials of repeated records are merged. */
  addApp(a: Omit<AzApp, 'owners'>): void {
    const prev = this.apps.get(a.id)
    this.apps.set(a.id, prev ? { ...a, credentials: mergeCredentials(prev.credentials, a.credentials) } : a)
  }
  /** `appKey` is the app's appId or object id; resolved in finish(). */
  addAppOwners(appKey: string, ownerIds: readonly string[]): void {
    addAll(this.appOwners, appKey, ownerIds)
  }
  /** Federated identity credentials of an app, keyed by appId or object id. */
  addAppFederatedCredentials(appKey: string, creds: readonly AzCredential[]): void {
    let m = this.appFics.get(appKey)
    if (!m) this.appFics.set(appKey, (m = new Map()))
    for (const c of creds) m.set(c.id, c)
  }
  /** A service principal. */
  addServicePrincipal(sp: Omit<AzServicePrincipal, 'owners'>): void {
    this.sps.set(sp.id, sp)
  }
  /** Owners of a service principal. */
  addServicePrincipalOwners(spId: string, ownerIds: readonly string[]): void {
    addAll(this.spOwners, spId, ownerIds)
  }
  /** A device. */
  addDevice(d: AzDevice): void {
    this.devices.set(d.id, d)
  }
  addManagementGroup(mg: AzManagementGroup): void {
    this.managementGroups.set(mg.id, mg)
    if (mg.parentId) this.parents.set(mg.id, mg.parentId)
  }
  /** A parent → child containment link (AZManagementGroupDescendant, ARM MG descendants). */
  addContainment(childId: string, parentId: string): void {
    this.parents.set(childId, parentId)
  }
  /** A subscription; its management-group parent may come from a descendant record. */
  addSubscription(s: AzSubscription): void {
    const prev = this.subscriptions.get(s.id)
    this.subscriptions.set(s.id, prev && !s.parentId ? { ...s, parentId: prev.parentId } : s)
  }
  /** A resource group. */
  addResourceGroup(rg: AzResourceGroup): void {
    this.resourceGroups.set(rg.id, rg)
  }
  /** A resource; repeated ids (a UAMI named by several resources) are merged. */
  addResource(r: AzResource): void {
    const prev = this.resources.get(r.id)
    if (prev) {
      // The same UAMI can be referenced by several resources; keep the richer record.
      const identities = [...prev.identities]
      for (const i of r.identities) if (!identities.some((p) => p.principalId === i.principalId)) identities.push(i)
      this.resources.set(r.id, { ...prev, ...r, properties: { ...prev.properties, ...r.properties }, identities })
    } else this.resources.set(r.id, r)
  }
  /** An ARM role definition. */
  addRoleDefinition(d: AzRoleDefinition): void {
    this.roleDefinitions.set(d.id, d)
  }
  /**
   * An ARM role assignment. INVARIANT (assignment-dedup): keyed by its
   * lower-cased ARM id, so an inherited assignment listed again under every
   * child scope (`$filter=atScope()`) is kept once, with its real scope.
   */
  addRoleAssignment(a: AzRoleAssignment): void {
    const prev = this.roleAssignments.get(a.id)
    if (prev) {
      // Prefer the copy that knows more (principalType / condition from az CLI or live).
      this.roleAssignments.set(a.id, {
        ...prev,
        principalType: prev.principalType ?? a.principalType,
        condition: prev.condition ?? a.condition,
      })
    } else this.roleAssignments.set(a.id, a)
  }
  /** A deny assignment (only live collection sees them), keyed by its lower-cased ARM id. */
  addDenyAssignment(d: AzDenyAssignment): void {
    this.denyAssignments.set(d.id, d)
  }
  /** An Entra role definition. */
  addDirectoryRoleDefinition(d: AzDirectoryRoleDefinition): void {
    this.directoryRoleDefinitions.set(d.id, d)
  }
  /** An Entra role assignment (active or eligible). */
  addDirectoryRoleAssignment(a: DirectoryRoleAssignmentDraft): void {
    this.directoryRoleAssignments.set(a.id, a)
  }
  /** An app role assignment; its value is resolved in finish(). */
  addAppRoleAssignment(a: AppRoleAssignmentDraft): void {
    this.appRoleAssignments.set(a.id, a)
  }
  /** A Key Vault access policy entry. */
  addKeyVaultAccessPolicy(p: AzKeyVaultAccessPolicy): void {
    this.keyVaultAccessPolicies.set(p.id, p)
  }
  /**
   * An ARM resource of a known type, with the user-assigned identities it names
   * and, for a Key Vault, the access policies it carries inline. `where` names
   * the record in warnings (a resource whose id names no resource group, an
   * access policy without an `objectId`).
   */
  addArmResource(input: ArmResourceInput, type: string, where: string): void {
    const converted = toResource(input, type)
    if (!converted) {
      this.warn(where, `resource \`${input.id}\` ignored: its id names no subscription and resource group`)
      return
    }
    this.addResource(converted.resource)
    for (const identity of converted.identities) {
      if (identity.type !== 'UserAssigned' || !identity.resourceId) continue
      const uami = userAssignedIdentityResource(identity.resourceId, identity.principalId)
      if (uami) this.addResource(uami)
    }
    const policies = input.properties?.['accessPolicies']
    if (type !== AZURE_RESOURCE_TYPES.AZKeyVault || !Array.isArray(policies)) return
    policies.forEach((p: unknown, j) => {
      const entry = p as { objectId?: unknown; applicationId?: unknown; permissions?: unknown } | null
      if (typeof entry?.objectId !== 'string') {
        this.warn(`${where}.properties.accessPolicies[${j}]`, 'access policy without an `objectId` ignored')
        return
      }
      this.addKeyVaultAccessPolicyEntry(converted.resource.id, {
        objectId: entry.objectId,
        applicationId: typeof entry.applicationId === 'string' ? entry.applicationId : null,
        permissions: (entry.permissions as Record<string, unknown> | undefined) ?? null,
      })
    })
  }
  /** One Key Vault access policy entry as ARM and AzureHound write it (`permissions.keys`, `.secrets`, ...). */
  addKeyVaultAccessPolicyEntry(
    vaultId: string,
    p: { readonly objectId: string; readonly applicationId?: string | null; readonly permissions?: Readonly<Record<string, unknown>> | null },
  ): void {
    const list = (k: string) => {
      const v = p.permissions?.[k]
      return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
    }
    const keyVaultId = azureArmId(vaultId)
    const objectId = p.objectId.toLowerCase()
    const applicationId = p.applicationId ? p.applicationId.toLowerCase() : null
    this.addKeyVaultAccessPolicy({
      id: [keyVaultId, objectId, ...(applicationId ? [applicationId] : [])].join('#'),
      keyVaultId,
      objectId,
      applicationId,
      keys: list('keys'),
      secrets: list('secrets'),
      certificates: list('certificates'),
      storage: list('storage'),
    })
  }
  /** The PIM activation policy of one Entra role. */
  addRoleManagementPolicy(p: AzRoleManagementPolicy): void {
    this.roleManagementPolicies.set(p.id, p)
  }
  /** Count a record kind this loader does not know. */
  countUnknownKind(kind: string): void {
    this.unknownKinds.set(kind, (this.unknownKinds.get(kind) ?? 0) + 1)
  }

  /** The tenant ids already seen (for loaders that must guess none). */
  knownTenantIds(): string[] {
    return [...this.tenants.keys()]
  }

  /**
   * Resolve every held reference and return the Azure inventory section plus
   * the data issues. Call once, after all inputs were added.
   */
  finish(source: string): { azure: AzureInventory; issues: DataIssue[] } {
    const issues = [...this.issues]
    const warn = (where: string, message: string) => issues.push({ severity: 'warning', where, message })
    for (const [kind, count] of this.unknownKinds) {
      warn(source, `${count} record(s) of unknown kind \`${kind}\` ignored`)
    }

    const appsByAppId = new Map<string, string>()
    for (const app of this.apps.values()) appsByAppId.set(app.appId, app.id)
    const resolveApp = (key: string): string | undefined => (this.apps.has(key) ? key : appsByAppId.get(key))

    // Owners and federated credentials arrive keyed by appId (AzureHound) or object id (Graph).
    const appOwners = new Map<string, Set<string>>()
    for (const [key, owners] of this.appOwners) {
      const appObjectId = resolveApp(key)
      if (!appObjectId) {
        warn(source, `owners of app \`${key}\` ignored: no app with that appId or object id was collected`)
        continue
      }
      addAll(appOwners, appObjectId, [...owners])
    }
    const appFics = new Map<string, AzCredential[]>()
    for (const [key, fics] of this.appFics) {
      const appObjectId = resolveApp(key)
      if (!appObjectId) {
        warn(source, `federated credentials of app \`${key}\` ignored: no app with that appId or object id was collected`)
        continue
      }
      appFics.set(appObjectId, [...(appFics.get(appObjectId) ?? []), ...fics.values()])
    }
    const apps: AzApp[] = [...this.apps.values()].map((app) => ({
      ...app,
      owners: sorted(appOwners.get(app.id)),
      credentials: mergeCredentials(app.credentials, appFics.get(app.id) ?? []),
    }))

    const groups: AzGroup[] = []
    for (const g of this.groups.values()) {
      groups.push({ ...g, members: sorted(this.groupMembers.get(g.id)), owners: sorted(this.groupOwners.get(g.id)) })
    }
    for (const id of new Set([...this.groupMembers.keys(), ...this.groupOwners.keys()])) {
      if (!this.groups.has(id)) warn(source, `members/owners of group \`${id}\` ignored: the group itself was not collected`)
    }

    const sps: AzServicePrincipal[] = [...this.sps.values()].map((sp) => ({ ...sp, owners: sorted(this.spOwners.get(sp.id)) }))
    for (const id of this.spOwners.keys()) {
      if (!this.sps.has(id)) warn(source, `owners of service principal \`${id}\` ignored: it was not collected`)
    }

    // Principal types for ARM assignments (AzureHound drops principalType).
    const principalTypeOf = (id: string): string | null =>
      this.users.has(id) ? 'User' : this.groups.has(id) ? 'Group' : this.sps.has(id) ? 'ServicePrincipal' : this.devices.has(id) ? 'Device' : null
    const roleAssignments: AzRoleAssignment[] = [...this.roleAssignments.values()].map((a) => ({
      ...a,
      principalType: a.principalType ?? principalTypeOf(a.principalId),
    }))

    // App-scoped directory role assignments: AzureHound writes `/<appId>`; the model holds `/<app object id>` as Graph does.
    const directoryRoleAssignments: AzDirectoryRoleAssignment[] = []
    for (const draft of this.directoryRoleAssignments.values()) {
      const { scopeIsAppId, ...a } = draft
      let scope = a.directoryScopeId
      if (scopeIsAppId && /^\/[0-9a-f-]{36}$/.test(scope) && !this.apps.has(scope.slice(1))) {
        const objectId = appsByAppId.get(scope.slice(1))
        if (objectId) scope = `/${objectId}`
        else warn(source, `directory role assignment \`${a.id}\` is scoped to app \`${scope.slice(1)}\`, which was not collected`)
      }
      directoryRoleAssignments.push({ ...a, directoryScopeId: scope })
    }

    // App role values: look the role id up on the resource SP, else the known Graph permissions.
    const appRoleAssignments: AzAppRoleAssignment[] = []
    for (const d of this.appRoleAssignments.values()) {
      const resource = this.sps.get(d.resourceId)
      let value = resource?.appRoles.find((r) => r.id === d.appRoleId)?.value ?? null
      const isGraph = (resource?.appId ?? d.resourceAppId) === MICROSOFT_GRAPH_APP_ID
      if (value === null && isGraph) value = KNOWN_GRAPH_APP_ROLES[d.appRoleId] ?? null
      appRoleAssignments.push({ id: d.id, principalId: d.principalId, resourceId: d.resourceId, appRoleId: d.appRoleId, appRoleValue: value })
    }

    // Management-group parents of subscriptions come from descendant records.
    const subscriptions: AzSubscription[] = [...this.subscriptions.values()].map((s) => ({
      ...s,
      parentId: s.parentId ?? this.parents.get(s.id) ?? null,
    }))
    const managementGroups: AzManagementGroup[] = [...this.managementGroups.values()].map((mg) => ({
      ...mg,
      parentId: mg.parentId ?? this.parents.get(mg.id) ?? null,
    }))

    // Managed-identity SPs name their resource in `alternativeNames`: link those not seen in an identity block
    // (az CLI and Graph-only dumps carry no resources at all).
    const linked = new Set<string>()
    for (const r of this.resources.values()) for (const i of r.identities) linked.add(i.principalId)
    for (const sp of this.sps.values()) {
      if (sp.servicePrincipalType !== 'ManagedIdentity' || linked.has(sp.id)) continue
      for (const armId of sp.managedIdentityResourceIds ?? []) {
        const host = resourceFromArmId(armId, sp.id)
        if (host) this.addResource(host)
      }
    }

    // Managed identities: each principal on a resource's identity block should be a collected SP.
    for (const r of this.resources.values()) {
      for (const identity of r.identities) {
        if (!this.sps.has(identity.principalId)) {
          warn(r.id, `managed identity principal \`${identity.principalId}\` (${identity.type}) is not among the collected service principals`)
        }
      }
    }
    // Resource groups referenced by resources but never listed still get a record: their id is exact.
    for (const r of this.resources.values()) {
      if (r.resourceGroupId && !this.resourceGroups.has(r.resourceGroupId)) {
        this.resourceGroups.set(r.resourceGroupId, {
          id: r.resourceGroupId,
          name: armNameOf(r.resourceGroupId),
          subscriptionId: r.subscriptionId,
          tags: {},
        })
      }
    }

    // Tenants referenced by collected objects but without their own record.
    const referenced = new Set<string>()
    for (const x of [...this.users.values(), ...this.groups.values(), ...this.apps.values(), ...this.sps.values(), ...subscriptions]) {
      referenced.add(x.tenantId)
    }
    for (const t of referenced) if (t && !this.tenants.has(t)) this.tenants.set(t, { id: t, displayName: null, primaryDomain: null })

    const azure: AzureInventory = {
      tenants: [...this.tenants.values()],
      users: [...this.users.values()],
      groups,
      apps,
      servicePrincipals: sps,
      managementGroups,
      subscriptions,
      // Tags whose name marks secret material are dropped here, where every Azure loader ends.
      resourceGroups: [...this.resourceGroups.values()].map((g) => ({ ...g, tags: dropSecretNamedKeys(g.tags, g.id, 'tag', issues) })),
      resources: [...this.resources.values()].map((r) => ({ ...r, tags: dropSecretNamedKeys(r.tags, r.id, 'tag', issues) })),
      roleDefinitions: [...this.roleDefinitions.values()],
      roleAssignments,
      denyAssignments: [...this.denyAssignments.values()],
      directoryRoleDefinitions: [...this.directoryRoleDefinitions.values()],
      directoryRoleAssignments,
      appRoleAssignments,
      devices: [...this.devices.values()],
      keyVaultAccessPolicies: [...this.keyVaultAccessPolicies.values()],
      roleManagementPolicies: [...this.roleManagementPolicies.values()],
    }
    return { azure, issues }
  }
}

/** A user-assigned identity referenced from a resource becomes a resource of its own (AZ-R08/R09 need it). */
export function userAssignedIdentityResource(armId: string, principalId: string): AzResource | null {
  const scope = parseArmScope(armId)
  if (!scope.subscriptionId || !scope.resourceGroupId) return null
  return {
    id: armId,
    type: AZURE_RESOURCE_TYPES.AZUserAssignedIdentity,
    name: armNameOf(armId),
    subscriptionId: scope.subscriptionId,
    resourceGroupId: scope.resourceGroupId,
    tags: {},
    identities: [{ principalId, type: 'UserAssigned', resourceId: armId }],
    properties: {},
  }
}

/** Canonical spellings of known ARM types, by lower-case type. */
const CANONICAL_TYPES = new Map<string, string>(Object.values(AZURE_RESOURCE_TYPES).map((t) => [t.toLowerCase(), t]))

/**
 * A resource known only by its ARM id (from a managed identity's
 * `alternativeNames`): its type is the provider segment of the id, and it
 * carries that identity (user-assigned when the id is the identity itself).
 */
export function resourceFromArmId(armId: string, principalId: string): AzResource | null {
  const scope = parseArmScope(armId)
  const m = /\/providers\/([^/]+)\/([^/]+)\/[^/]+$/i.exec(armId)
  if (!scope.subscriptionId || !scope.resourceGroupId || !m) return null
  const lowerType = `${m[1]}/${m[2]}`.toLowerCase()
  const type = CANONICAL_TYPES.get(lowerType) ?? lowerType
  const isUserAssigned = lowerType === AZURE_RESOURCE_TYPES.AZUserAssignedIdentity.toLowerCase()
  return {
    id: armId,
    type,
    name: armNameOf(armId),
    subscriptionId: scope.subscriptionId,
    resourceGroupId: scope.resourceGroupId,
    tags: {},
    identities: [{ principalId, type: isUserAssigned ? 'UserAssigned' : 'SystemAssigned', resourceId: isUserAssigned ? armId : null }],
    properties: {},
  }
}

function addAll(map: Map<string, Set<string>>, key: string, values: readonly string[]): void {
  let set = map.get(key)
  if (!set) map.set(key, (set = new Set()))
  for (const v of values) set.add(v)
}

function sorted(set: Set<string> | undefined): string[] {
  return set ? [...set].sort() : []
}

function mergeCredentials(a: readonly AzCredential[], b: readonly AzCredential[]): AzCredential[] {
  const byId = new Map<string, AzCredential>()
  for (const c of [...a, ...b]) byId.set(c.id, c)
  return [...byId.values()]
}
