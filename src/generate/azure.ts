/**
 * @module generate/azure
 * A synthetic Entra tenant + Azure estate written as one AzureHound v2 file
 * (`{ data: [{ kind, data }], meta }`), records in shuffled order as the real
 * collector multiplexes them.
 */
import type { Random } from './random.js'

/** Sizes of the synthetic tenant. */
export interface AzureScale {
  readonly users: number
  readonly groups: number
  readonly apps: number
  readonly subscriptions: number
  readonly resourceGroupsPerSubscription: number
  readonly vmsPerResourceGroup: number
}

type Json = Record<string, unknown>

const OWNER = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635'
const CONTRIBUTOR = 'b24988ac-6180-42a0-ab88-20f7382dd24c'
const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10'
const APP_ADMIN = '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3'
const HELPDESK_ADMIN = '729827e3-9c14-49f7-bb1b-9608f156bbb8'
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000'
/** Microsoft Graph app role ids for RoleManagement.ReadWrite.Directory and Application.ReadWrite.All. */
const GRAPH_ROLE_MANAGEMENT = '9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8'
const GRAPH_APPLICATION_RW = '1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9'

/** Generate one tenant. Deterministic for a given random source. */
export function generateAzure(scale: AzureScale, random: Random, tenantId: string): { file: Json; counts: Record<string, number> } {
  const records: Json[] = []
  const push = (kind: string, data: Json): void => {
    records.push({ kind, data })
  }
  const tenantName = 'SYNTHETIC'
  push('AZTenant', { tenantId, id: `/tenants/${tenantId}`, displayName: 'Synthetic Corp', defaultDomain: 'synthetic.example', collected: true })

  const users = Array.from({ length: scale.users }, (_, i) => ({ id: random.guid(), userPrincipalName: `user${i}@synthetic.example` }))
  for (const [i, u] of users.entries()) {
    push('AZUser', { id: u.id, userPrincipalName: u.userPrincipalName, displayName: `User ${i}`, accountEnabled: true, userType: 'Member', onPremisesSyncEnabled: false, tenantId, tenantName })
  }
  const groups = Array.from({ length: scale.groups }, (_, i) => ({ id: random.guid(), name: `grp-${i}`, isAssignableToRole: i % 25 === 0 }))
  for (const g of groups) {
    push('AZGroup', { id: g.id, displayName: g.name, isAssignableToRole: g.isAssignableToRole, securityEnabled: true, tenantId, tenantName })
    const members = random.sample(users, random.int(2, 12))
    push('AZGroupMember', { groupId: g.id, members: members.map((m) => ({ groupId: g.id, member: { '@odata.type': '#microsoft.graph.user', id: m.id } })) })
  }

  // Microsoft Graph's service principal, so Graph app-role assignments resolve.
  const graphSp = random.guid()
  push('AZServicePrincipal', { id: graphSp, appId: GRAPH_APP_ID, displayName: 'Microsoft Graph', servicePrincipalType: 'Application', appOwnerOrganizationId: 'f8cdef31-a31e-4b4a-93e4-5f571e91255a', appRoles: [{ id: GRAPH_ROLE_MANAGEMENT, value: 'RoleManagement.ReadWrite.Directory' }, { id: GRAPH_APPLICATION_RW, value: 'Application.ReadWrite.All' }], tenantId, tenantName })

  const servicePrincipals: { id: string; appId: string }[] = []
  for (let a = 0; a < scale.apps; a++) {
    const appObjectId = random.guid()
    const appId = random.guid()
    const spId = random.guid()
    servicePrincipals.push({ id: spId, appId })
    push('AZApp', { id: appObjectId, appId, displayName: `app-${a}`, tenantId, tenantName, passwordCredentials: random.chance(0.6) ? [{ keyId: random.guid(), displayName: 'ci', startDateTime: '2025-01-01T00:00:00Z', endDateTime: random.chance(0.2) ? '2026-01-01T00:00:00Z' : '2027-06-01T00:00:00Z' }] : [], keyCredentials: [] })
    push('AZServicePrincipal', { id: spId, appId, displayName: `app-${a}`, servicePrincipalType: 'Application', appOwnerOrganizationId: tenantId, appRoles: [], tenantId, tenantName })
    const owner = random.pick(users)
    push('AZAppOwner', { appId, owners: [{ appId: appObjectId, owner: { '@odata.type': '#microsoft.graph.user', id: owner.id } }] })
    if (random.chance(0.05)) {
      push('AZAppRoleAssignment', { appRoleId: random.pick([GRAPH_ROLE_MANAGEMENT, GRAPH_APPLICATION_RW]), principalId: spId, principalType: 'ServicePrincipal', resourceId: graphSp, resourceDisplayName: 'Microsoft Graph', appId: GRAPH_APP_ID, tenantId, id: random.hex(43) })
    }
    if (random.chance(0.1)) {
      push('AZFederatedIdentityCredential', { appId, tenantId, tenantName, fics: [{ appId, fic: { id: random.guid(), name: 'github', issuer: 'https://token.actions.githubusercontent.com', subject: random.chance(0.2) ? 'repo:synthetic/*' : `repo:synthetic/svc-${a}:ref:refs/heads/main`, audiences: ['api://AzureADTokenExchange'] } }] })
    }
  }

  // Entra directory roles: a couple of Global Admins (one break-glass), app admins, helpdesk.
  const directoryAssignments = (roleId: string, principals: readonly string[]): void => {
    push('AZRoleAssignment', { roleDefinitionId: roleId, tenantId, roleAssignments: principals.map((p) => ({ id: random.hex(43), roleDefinitionId: roleId, principalId: p, directoryScopeId: '/' })) })
  }
  directoryAssignments(GLOBAL_ADMIN, users.slice(0, 2).map((u) => u.id))
  directoryAssignments(APP_ADMIN, random.sample(users, 3).map((u) => u.id))
  directoryAssignments(HELPDESK_ADMIN, random.sample(users, 5).map((u) => u.id))

  // ARM: a root management group, subscriptions, resource groups, VMs with managed identities, key vaults.
  const rootMg = `/providers/Microsoft.Management/managementGroups/${tenantId}`
  push('AZManagementGroup', { id: rootMg, name: tenantId, type: 'Microsoft.Management/managementGroups', properties: { displayName: 'Tenant Root Group', tenantId }, tenantId })
  let vmCount = 0
  for (let s = 0; s < scale.subscriptions; s++) {
    const subGuid = random.guid()
    const subId = `/subscriptions/${subGuid}`
    push('AZSubscription', { id: subId, subscriptionId: subGuid, displayName: `sub-${s}`, state: 'Enabled', tenantId })
    push('AZManagementGroupDescendant', { id: subId, name: subGuid, type: '/subscriptions', properties: { parent: { id: rootMg } } })
    push('AZSubscriptionOwner', { subscriptionId: subId, owners: [ownerItem(subId, random.pick(users).id, OWNER, random)].map((owner) => ({ owner, subscriptionId: subId })) })
    for (let r = 0; r < scale.resourceGroupsPerSubscription; r++) {
      const rgId = `${subId}/resourceGroups/rg-${s}-${r}`
      push('AZResourceGroup', { id: rgId, name: `rg-${s}-${r}`, location: 'westeurope', tags: {}, subscriptionId: subId, tenantId })
      push('AZResourceGroupContributor', { resourceGroupId: rgId, contributors: [{ contributor: ownerItem(rgId, random.pick(users).id, CONTRIBUTOR, random), resourceGroupId: rgId }] })
      for (let v = 0; v < scale.vmsPerResourceGroup; v++) {
        const vmId = `${rgId}/providers/Microsoft.Compute/virtualMachines/vm-${vmCount++}`
        const identity = random.chance(0.4) ? { type: 'SystemAssigned', principalId: random.guid(), tenantId } : undefined
        if (identity) push('AZServicePrincipal', { id: identity.principalId, appId: random.guid(), displayName: vmId.split('/').pop(), servicePrincipalType: 'ManagedIdentity', alternativeNames: ['isExplicit=False', vmId], tenantId, tenantName })
        push('AZVM', { id: vmId, name: vmId.split('/').pop(), properties: { vmId: random.guid(), storageProfile: { osDisk: { osType: 'Linux' } } }, ...(identity ? { identity } : {}), subscriptionId: subId, resourceGroupId: rgId, tenantId })
      }
      const kvId = `${rgId}/providers/Microsoft.KeyVault/vaults/kv-${s}-${r}`
      push('AZKeyVault', { id: kvId, name: `kv-${s}-${r}`, tags: { DataClassification: random.pick(['confidential', 'restricted', 'internal']) }, properties: { enableRbacAuthorization: true, vaultUri: `https://kv-${s}-${r}.vault.azure.net/`, tenantId }, resourceGroup: rgId, subscriptionId: subGuid, tenantId })
    }
  }

  // The collector multiplexes its writers, so kinds arrive in arbitrary order.
  for (let i = records.length - 1; i > 0; i--) {
    const j = random.int(0, i)
    ;[records[i], records[j]] = [records[j] as Json, records[i] as Json]
  }
  return {
    file: { data: records, meta: { type: 'azure', version: 5, count: records.length } },
    counts: { users: users.length, groups: groups.length, apps: scale.apps, subscriptions: scale.subscriptions, vms: vmCount, records: records.length },
  }
}

/** An ARM role assignment object as AzureHound embeds it. */
function ownerItem(scope: string, principalId: string, roleId: string, random: Random): Json {
  const guid = random.guid()
  return {
    id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${guid}`,
    name: guid,
    type: 'Microsoft.Authorization/roleAssignments',
    properties: { principalId, roleDefinitionId: `${scope.split('/').slice(0, 3).join('/')}/providers/Microsoft.Authorization/roleDefinitions/${roleId}`, scope },
  }
}
