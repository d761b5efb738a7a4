/**
 * @module techniques/azure/context
 * The detection context of the Azure techniques: the inventory, the RBAC
 * evaluator, and lookups built once (objects by id, resources by scope,
 * directory roles by principal). Pure; no graph.
 */
import type {
  AzApp,
  AzDirectoryRoleAssignment,
  AzGroup,
  AzResource,
  AzRoleManagementPolicy,
  AzServicePrincipal,
  AzUser,
  AzureInventory,
} from '../../model/index.js'
import { azureArmId, azureObjectId } from '../../model/index.js'
import type { RbacEvaluator } from '../../azure/index.js'
import { createRbacEvaluator, MICROSOFT_GRAPH_APP_ID, normaliseScope } from '../../azure/index.js'

/** Lookups over an Azure inventory, keyed by lower-cased ids. */
export interface AzureIndex {
  readonly users: ReadonlyMap<string, AzUser>
  readonly groups: ReadonlyMap<string, AzGroup>
  readonly apps: ReadonlyMap<string, AzApp>
  readonly appsByAppId: ReadonlyMap<string, AzApp>
  readonly servicePrincipals: ReadonlyMap<string, AzServicePrincipal>
  readonly servicePrincipalsByAppId: ReadonlyMap<string, AzServicePrincipal>
  readonly resources: ReadonlyMap<string, AzResource>
  /** Directory role assignments (lower-cased ids) by principal. */
  readonly directoryRolesByPrincipal: ReadonlyMap<string, readonly AzDirectoryRoleAssignment[]>
  /** Groups a principal directly belongs to (membership), and groups it owns. */
  readonly groupsOfMember: ReadonlyMap<string, readonly string[]>
  /** Object ids of the Microsoft Graph service principal(s). */
  readonly graphServicePrincipalIds: ReadonlySet<string>
  /** PIM policy per directory role definition id. */
  readonly rolePolicies: ReadonlyMap<string, AzRoleManagementPolicy>
  /** The tenant to attribute objects to when a record does not say. */
  readonly defaultTenantId: string | null
}

/** What every Azure technique's detector receives. */
export interface AzureTechniqueContext {
  readonly inventory: AzureInventory
  readonly rbac: RbacEvaluator
  readonly index: AzureIndex
}

function byId<T extends { readonly id: string }>(list: readonly T[]): Map<string, T> {
  return new Map(list.map((x) => [x.id.toLowerCase(), x]))
}

/** Build the context once per derivation. */
export function buildAzureTechniqueContext(inventory: AzureInventory): AzureTechniqueContext {
  const directoryRolesByPrincipal = new Map<string, AzDirectoryRoleAssignment[]>()
  for (const a of inventory.directoryRoleAssignments) {
    const lowered = { ...a, principalId: a.principalId.toLowerCase(), roleDefinitionId: a.roleDefinitionId.toLowerCase() }
    const list = directoryRolesByPrincipal.get(lowered.principalId) ?? []
    list.push(lowered)
    directoryRolesByPrincipal.set(lowered.principalId, list)
  }
  const groupsOfMember = new Map<string, string[]>()
  for (const g of inventory.groups) {
    for (const m of g.members) {
      const list = groupsOfMember.get(m.toLowerCase()) ?? []
      list.push(g.id.toLowerCase())
      groupsOfMember.set(m.toLowerCase(), list)
    }
  }
  const resources = new Map(inventory.resources.map((r) => [azureArmId(r.id), r]))
  const defaultTenantId = (inventory.tenants[0]?.id ?? inventory.users[0]?.tenantId ?? inventory.subscriptions[0]?.tenantId ?? null)?.toLowerCase() ?? null
  return {
    inventory,
    rbac: createRbacEvaluator(inventory),
    index: {
      users: byId(inventory.users),
      groups: byId(inventory.groups),
      apps: byId(inventory.apps),
      appsByAppId: new Map(inventory.apps.map((a) => [a.appId.toLowerCase(), a])),
      servicePrincipals: byId(inventory.servicePrincipals),
      servicePrincipalsByAppId: new Map(inventory.servicePrincipals.map((s) => [s.appId.toLowerCase(), s])),
      resources,
      directoryRolesByPrincipal,
      groupsOfMember,
      graphServicePrincipalIds: new Set(inventory.servicePrincipals.filter((s) => s.appId.toLowerCase() === MICROSOFT_GRAPH_APP_ID).map((s) => s.id.toLowerCase())),
      rolePolicies: new Map((inventory.roleManagementPolicies ?? []).map((p) => [p.roleDefinitionId.toLowerCase(), p])),
      defaultTenantId,
    },
  }
}

/** The node id of an Entra object. */
export function objectNode(objectId: string): string {
  return azureObjectId(objectId)
}

/** The node id of a tenant. */
export function tenantNode(tenantId: string): string {
  return azureObjectId(tenantId)
}

/** The node id of an ARM scope; `/` (the root) is represented by the tenant. */
export function scopeNode(scope: string, tenantId: string | null): string {
  const s = normaliseScope(scope)
  return s === '/' && tenantId ? tenantNode(tenantId) : azureArmId(s)
}

/** True when a service principal is a managed identity (credentials cannot be added to it). */
export function isManagedIdentity(sp: AzServicePrincipal): boolean {
  return sp.servicePrincipalType.toLowerCase() === 'managedidentity'
}
