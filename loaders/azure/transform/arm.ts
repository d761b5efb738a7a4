/**
 * @module loaders/azure/transform/arm
 * Pure conversions of Azure Resource Manager objects (as AzureHound embeds
 * them, as `az` prints them and as ARM returns them) into inventory records:
 * ARM id parsing, resources with their managed identities, role assignments
 * and role definitions. Every ARM id is lower-cased (ARM ids are
 * case-insensitive: https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules).
 */
import type { AzPermission, AzResource, AzRoleAssignment, AzRoleDefinition } from '../../../src/model/index.js'
import { azureArmId } from '../../../src/model/index.js'

/** Subscription GUID and resource-group ARM id of an ARM id (lower case), when it has them. */
export function parseArmScope(armId: string): { subscriptionId: string | null; resourceGroupId: string | null } {
  const m = /^\/subscriptions\/([^/]+)(?:\/resourcegroups\/([^/]+))?/i.exec(armId)
  if (!m) return { subscriptionId: null, resourceGroupId: null }
  const sub = (m[1] ?? '').toLowerCase()
  return { subscriptionId: sub, resourceGroupId: m[2] ? `/subscriptions/${sub}/resourcegroups/${m[2].toLowerCase()}` : null }
}

/** The last path segment of an ARM id (its name). */
export function armNameOf(armId: string): string {
  const parts = armId.split('/').filter((p) => p !== '')
  return parts[parts.length - 1] ?? armId
}

/** `/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/<guid>` or a bare GUID → the lower-case GUID. */
export function roleDefinitionGuid(roleDefinitionId: string): string {
  return armNameOf(roleDefinitionId).toLowerCase()
}

/** The scope of a role assignment from its own ARM id (everything before `/providers/Microsoft.Authorization/`). */
export function scopeOfAssignmentId(assignmentId: string): string {
  const i = assignmentId.toLowerCase().lastIndexOf('/providers/microsoft.authorization/roleassignments/')
  if (i < 0) return '/'
  return i === 0 ? '/' : azureArmId(assignmentId.slice(0, i))
}

/** Lower-case a scope, keeping the root `/` as is. */
export function normaliseScope(scope: string): string {
  return scope === '/' ? '/' : azureArmId(scope)
}

/** The ARM identity block shape (`identity`). */
export interface ArmIdentityBlock {
  readonly type?: string | null
  readonly principalId?: string | null
  readonly userAssignedIdentities?: Readonly<Record<string, { readonly principalId?: string | null; readonly clientId?: string | null }>> | null
}

/** A managed identity found on a resource, plus the UAMI resource it names (if user-assigned). */
export interface FoundIdentity {
  readonly principalId: string
  readonly type: 'SystemAssigned' | 'UserAssigned'
  /** Lower-cased ARM id of the user-assigned identity resource. */
  readonly resourceId: string | null
  readonly clientId: string | null
}

/**
 * The managed identities of a resource: the system-assigned principal and
 * every user-assigned entry with a principal id.
 * https://learn.microsoft.com/entra/identity/managed-identities-azure-resources/overview
 */
export function identitiesOf(identity: ArmIdentityBlock | null | undefined): FoundIdentity[] {
  if (!identity) return []
  const out: FoundIdentity[] = []
  const type = (identity.type ?? '').toLowerCase()
  if (identity.principalId && (type === '' || type.includes('systemassigned'))) {
    out.push({ principalId: identity.principalId.toLowerCase(), type: 'SystemAssigned', resourceId: null, clientId: null })
  }
  for (const [armId, entry] of Object.entries(identity.userAssignedIdentities ?? {})) {
    if (!entry?.principalId) continue
    out.push({
      principalId: entry.principalId.toLowerCase(),
      type: 'UserAssigned',
      resourceId: azureArmId(armId),
      clientId: entry.clientId ? entry.clientId.toLowerCase() : null,
    })
  }
  return out
}

/** The scalar properties worth keeping from a resource, by ARM type (lower case). */
const KEPT_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  'microsoft.keyvault/vaults': ['enableRbacAuthorization', 'vaultUri', 'enablePurgeProtection'],
  'microsoft.compute/virtualmachines': ['vmId'],
  'microsoft.containerservice/managedclusters': ['nodeResourceGroup', 'enableRBAC', 'disableLocalAccounts'],
  'microsoft.storage/storageaccounts': ['allowSharedKeyAccess', 'allowBlobPublicAccess'],
}

/** Input of {@link toResource}: an ARM resource object, already shape-checked. */
export interface ArmResourceInput {
  readonly id: string
  readonly name?: string | null
  readonly kind?: string | null
  readonly location?: unknown
  readonly tags?: Readonly<Record<string, unknown>> | null
  readonly identity?: ArmIdentityBlock | null
  readonly properties?: Readonly<Record<string, unknown>> | null
}

/**
 * An ARM resource → AzResource (type given by the caller: AzureHound kinds
 * imply it). Subscription and resource group come from the id itself: AzureHound's
 * `subscriptionId`/`resourceGroup` fields differ in format between kinds.
 */
export function toResource(input: ArmResourceInput, type: string): { resource: AzResource; identities: FoundIdentity[] } | null {
  const id = azureArmId(input.id)
  const scope = parseArmScope(id)
  if (!scope.subscriptionId || !scope.resourceGroupId) return null
  const identities = identitiesOf(input.identity)
  const props: Record<string, string | number | boolean | null> = {}
  if (typeof input.kind === 'string') props['kind'] = input.kind
  if (typeof input.location === 'string') props['location'] = input.location
  const p = input.properties ?? {}
  for (const key of KEPT_PROPERTIES[type.toLowerCase()] ?? []) {
    const v = p[key]
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') props[key] = v
  }
  const osType = (p['storageProfile'] as { osDisk?: { osType?: unknown } } | undefined)?.osDisk?.osType
  if (typeof osType === 'string') props['osType'] = osType
  // AKS: the node resource group holds the node pools' VMSS and their identities (AZ-R07).
  if (typeof props['nodeResourceGroup'] === 'string') {
    props['nodeResourceGroupId'] = `/subscriptions/${scope.subscriptionId}/resourcegroups/${props['nodeResourceGroup'].toLowerCase()}`
  }
  const resource: AzResource = {
    id,
    type,
    name: input.name ?? armNameOf(input.id),
    subscriptionId: scope.subscriptionId,
    resourceGroupId: scope.resourceGroupId,
    tags: stringTags(input.tags),
    identities: identities.map((i) => ({ principalId: i.principalId, type: i.type, resourceId: i.resourceId })),
    properties: props,
  }
  return { resource, identities }
}

/** Tags as strings (ARM tag values are strings; anything else is dropped). */
export function stringTags(tags: Readonly<Record<string, unknown>> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(tags ?? {})) if (typeof v === 'string') out[k] = v
  return out
}

/** A role assignment's fields, from any of the three shapes (ARM `properties`, az CLI flat, Graph-less AzureHound). */
export interface RoleAssignmentInput {
  readonly id: string
  readonly principalId: string
  readonly roleDefinitionId: string
  readonly scope?: string | null
  readonly principalType?: string | null
  readonly condition?: string | null
}

/** A role assignment → AzRoleAssignment (ids lower-cased, role definition as its GUID). */
export function toRoleAssignment(input: RoleAssignmentInput, status: 'active' | 'eligible' = 'active'): AzRoleAssignment {
  return {
    id: azureArmId(input.id),
    principalId: input.principalId.toLowerCase(),
    principalType: input.principalType ?? null,
    roleDefinitionId: roleDefinitionGuid(input.roleDefinitionId),
    scope: input.scope ? normaliseScope(input.scope) : scopeOfAssignmentId(input.id),
    condition: input.condition ?? null,
    status,
  }
}

/** A role definition's fields (az CLI flat or ARM `properties`). */
export interface RoleDefinitionInput {
  readonly name: string
  readonly roleName: string
  readonly roleType?: string | null
  readonly permissions: readonly {
    readonly actions?: readonly string[] | null
    readonly notActions?: readonly string[] | null
    readonly dataActions?: readonly string[] | null
    readonly notDataActions?: readonly string[] | null
  }[]
  readonly assignableScopes?: readonly string[] | null
}

/** A role definition → AzRoleDefinition (`roleType` `BuiltInRole` marks built-ins). */
export function toRoleDefinition(input: RoleDefinitionInput): AzRoleDefinition {
  const permissions: AzPermission[] = input.permissions.map((p) => ({
    actions: p.actions ?? [],
    notActions: p.notActions ?? [],
    dataActions: p.dataActions ?? [],
    notDataActions: p.notDataActions ?? [],
  }))
  return {
    id: roleDefinitionGuid(input.name),
    roleName: input.roleName,
    isBuiltIn: input.roleType === 'BuiltInRole',
    permissions,
    assignableScopes: (input.assignableScopes ?? []).map(normaliseScope),
  }
}
