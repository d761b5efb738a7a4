/**
 * @module azure/rbac/role-definitions
 * Built-in Azure RBAC role definitions crownpath reasons about, by role
 * definition id (the same GUID in every tenant). Used only as a fallback when
 * the inventory carries no definition for an id (AzureHound collects none).
 * Permission lists follow the built-in roles reference, trimmed to the
 * operations that matter for escalation; ids verified against the reference
 * and AzureHound's constants.
 * https://learn.microsoft.com/azure/role-based-access-control/built-in-roles
 */
import type { AzPermission, AzRoleDefinition } from '../../model/index.js'

/** Ids of the built-in roles techniques refer to by name. */
export const AZ_ROLE_IDS = {
  owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  userAccessAdministrator: '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
  rbacAdministrator: 'f58310d9-a9f6-439a-9e8d-f62e7b41a168',
  virtualMachineContributor: '9980e02c-c2be-4d73-94e8-173b1dc7cf3c',
  virtualMachineAdministratorLogin: '1c0163c0-47e6-4577-8991-ea5c82e286e4',
  virtualMachineUserLogin: 'fb879df8-f326-4884-b1cf-06f3ad86be52',
  avereContributor: '4f8fab4f-1852-4a58-a46a-8eaf358af14a',
  keyVaultContributor: 'f25e0fa2-a7c8-4377-a976-54943a77a395',
  keyVaultAdministrator: '00482a5a-887f-4fb3-b363-3b7fe8e74483',
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6',
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7',
  keyVaultCertificatesOfficer: 'a4417e6f-fecd-4de8-b567-7b0420556985',
  keyVaultCryptoOfficer: '14b46e9e-c2b7-41b4-b07b-48a6ebf60603',
  keyVaultReader: '21090545-7ca7-4776-b22c-e363652d74d2',
  keyVaultDataAccessAdministrator: '8b54135c-b56d-4d72-a534-26097cfdc8d8',
  automationContributor: 'f353d9bd-d4a6-484e-a77a-8050b599b867',
  websiteContributor: 'de139f84-1756-47ae-9be6-808fbbe84772',
  logicAppContributor: '87a39d53-fc1b-424a-814c-f7e04687dc9e',
  aksContributor: 'ed7f3fbd-7b88-4dd4-9017-9adb7ce333f8',
  aksClusterAdmin: '0ab0b1a8-8aac-4efd-b8c2-3ee1fb270be8',
  aksRbacClusterAdmin: 'b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b',
  storageAccountContributor: '17d1049b-9a84-46fb-8f53-869881c3d3ab',
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
  storageBlobDataReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
  managedIdentityOperator: 'f1a07417-d97a-45cb-824c-7a7467783830',
} as const

function perm(actions: string[], notActions: string[] = [], dataActions: string[] = [], notDataActions: string[] = []): AzPermission {
  return { actions, notActions, dataActions, notDataActions }
}

function role(id: string, roleName: string, permissions: AzPermission[]): AzRoleDefinition {
  return { id, roleName, isBuiltIn: true, permissions, assignableScopes: ['/'] }
}

const R = AZ_ROLE_IDS

/** The fallback table: role definition id → definition. */
export const BUILTIN_ROLE_DEFINITIONS: Readonly<Record<string, AzRoleDefinition>> = Object.fromEntries(
  [
    // Owner's `*` covers no data actions; it reaches data by granting itself a data role.
    role(R.owner, 'Owner', [perm(['*'])]),
    role(R.contributor, 'Contributor', [
      perm(['*'], [
        'Microsoft.Authorization/*/Delete',
        'Microsoft.Authorization/*/Write',
        'Microsoft.Authorization/elevateAccess/Action',
        'Microsoft.Blueprint/blueprintAssignments/write',
        'Microsoft.Blueprint/blueprintAssignments/delete',
        'Microsoft.Compute/galleries/share/action',
        'Microsoft.Purview/consents/write',
        'Microsoft.Purview/consents/delete',
        'Microsoft.Resources/deploymentStacks/manageDenySetting/action',
        'Microsoft.Subscription/cancel/action',
        'Microsoft.Subscription/enable/action',
      ]),
    ]),
    role(R.reader, 'Reader', [perm(['*/read'])]),
    role(R.userAccessAdministrator, 'User Access Administrator', [perm(['*/read', 'Microsoft.Authorization/*', 'Microsoft.Support/*'])]),
    role(R.rbacAdministrator, 'Role Based Access Control Administrator', [
      perm(['Microsoft.Authorization/roleAssignments/write', 'Microsoft.Authorization/roleAssignments/delete', '*/read', 'Microsoft.Support/*']),
    ]),
    role(R.virtualMachineContributor, 'Virtual Machine Contributor', [
      perm([
        'Microsoft.Authorization/*/read',
        'Microsoft.Compute/availabilitySets/*',
        'Microsoft.Compute/locations/*',
        'Microsoft.Compute/virtualMachines/*',
        'Microsoft.Compute/virtualMachineScaleSets/*',
        'Microsoft.Compute/disks/write',
        'Microsoft.Compute/disks/read',
        'Microsoft.Network/networkInterfaces/*',
        'Microsoft.Resources/deployments/*',
        'Microsoft.Resources/subscriptions/resourceGroups/read',
        'Microsoft.Storage/storageAccounts/listKeys/action',
        'Microsoft.Storage/storageAccounts/read',
      ]),
    ]),
    role(R.virtualMachineAdministratorLogin, 'Virtual Machine Administrator Login', [
      perm(['Microsoft.Network/publicIPAddresses/read', 'Microsoft.Network/virtualNetworks/read', 'Microsoft.Network/loadBalancers/read', 'Microsoft.Network/networkInterfaces/read', 'Microsoft.Compute/virtualMachines/*/read'], [], [
        'Microsoft.Compute/virtualMachines/login/action',
        'Microsoft.Compute/virtualMachines/loginAsAdmin/action',
      ]),
    ]),
    role(R.virtualMachineUserLogin, 'Virtual Machine User Login', [
      perm(['Microsoft.Network/publicIPAddresses/read', 'Microsoft.Compute/virtualMachines/*/read'], [], ['Microsoft.Compute/virtualMachines/login/action']),
    ]),
    role(R.avereContributor, 'Avere Contributor', [
      perm([
        'Microsoft.Authorization/*/read',
        'Microsoft.Compute/*/read',
        'Microsoft.Compute/availabilitySets/*',
        'Microsoft.Compute/virtualMachines/*',
        'Microsoft.Compute/disks/*',
        'Microsoft.Network/*/read',
        'Microsoft.Network/networkInterfaces/*',
        'Microsoft.Resources/deployments/*',
        'Microsoft.Storage/*/read',
        'Microsoft.Storage/storageAccounts/*',
      ], [], ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete', 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read', 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write']),
    ]),
    role(R.keyVaultContributor, 'Key Vault Contributor', [
      perm(['Microsoft.Authorization/*/read', 'Microsoft.KeyVault/*', 'Microsoft.Resources/deployments/*', 'Microsoft.Resources/subscriptions/resourceGroups/read'], [
        'Microsoft.KeyVault/locations/deletedVaults/purge/action',
        'Microsoft.KeyVault/hsmPools/*',
        'Microsoft.KeyVault/managedHsms/*',
      ]),
    ]),
    role(R.keyVaultAdministrator, 'Key Vault Administrator', [perm(['Microsoft.Authorization/*/read', 'Microsoft.KeyVault/checkNameAvailability/read', 'Microsoft.KeyVault/vaults/*/read'], [], ['Microsoft.KeyVault/vaults/*'])]),
    role(R.keyVaultSecretsUser, 'Key Vault Secrets User', [perm([], [], ['Microsoft.KeyVault/vaults/secrets/getSecret/action', 'Microsoft.KeyVault/vaults/secrets/readMetadata/action'])]),
    role(R.keyVaultSecretsOfficer, 'Key Vault Secrets Officer', [perm(['Microsoft.Authorization/*/read', 'Microsoft.KeyVault/vaults/*/read'], [], ['Microsoft.KeyVault/vaults/secrets/*'])]),
    role(R.keyVaultCertificatesOfficer, 'Key Vault Certificates Officer', [
      perm(['Microsoft.Authorization/*/read', 'Microsoft.KeyVault/vaults/*/read'], [], ['Microsoft.KeyVault/vaults/certificatecas/*', 'Microsoft.KeyVault/vaults/certificates/*', 'Microsoft.KeyVault/vaults/certificatecontacts/write']),
    ]),
    role(R.keyVaultCryptoOfficer, 'Key Vault Crypto Officer', [perm(['Microsoft.Authorization/*/read', 'Microsoft.KeyVault/vaults/*/read'], [], ['Microsoft.KeyVault/vaults/keys/*', 'Microsoft.KeyVault/vaults/keyrotationpolicies/*'])]),
    role(R.keyVaultReader, 'Key Vault Reader', [perm(['Microsoft.Authorization/*/read', 'Microsoft.KeyVault/vaults/*/read'], [], ['Microsoft.KeyVault/vaults/*/read', 'Microsoft.KeyVault/vaults/secrets/readMetadata/action'])]),
    // Can assign Key Vault data roles only; the built-in assignment carries a
    // constrained-delegation condition, which AzureHound drops.
    role(R.keyVaultDataAccessAdministrator, 'Key Vault Data Access Administrator', [
      perm(['Microsoft.Authorization/roleAssignments/write', 'Microsoft.Authorization/roleAssignments/delete', 'Microsoft.Authorization/*/read', 'Microsoft.KeyVault/vaults/*/read']),
    ]),
    role(R.automationContributor, 'Automation Contributor', [perm(['Microsoft.Authorization/*/read', 'Microsoft.Automation/automationAccounts/*', 'Microsoft.Resources/deployments/*', 'Microsoft.Resources/subscriptions/resourceGroups/read'])]),
    role(R.websiteContributor, 'Website Contributor', [perm(['Microsoft.Authorization/*/read', 'Microsoft.Web/certificates/*', 'Microsoft.Web/listSitesAssignedToHostName/read', 'Microsoft.Web/serverFarms/join/action', 'Microsoft.Web/serverFarms/read', 'Microsoft.Web/sites/*', 'Microsoft.Resources/deployments/*'])]),
    role(R.logicAppContributor, 'Logic App Contributor', [perm(['Microsoft.Authorization/*/read', 'Microsoft.Logic/*', 'Microsoft.Web/connections/*', 'Microsoft.Web/customApis/*', 'Microsoft.Resources/deployments/*'])]),
    role(R.aksContributor, 'Azure Kubernetes Service Contributor Role', [perm(['Microsoft.ContainerService/managedClusters/read', 'Microsoft.ContainerService/managedClusters/write', 'Microsoft.Resources/deployments/*'])]),
    role(R.aksClusterAdmin, 'Azure Kubernetes Service Cluster Admin Role', [perm(['Microsoft.ContainerService/managedClusters/listClusterAdminCredential/action', 'Microsoft.ContainerService/managedClusters/accessProfiles/listCredential/action', 'Microsoft.ContainerService/managedClusters/read', 'Microsoft.ContainerService/managedClusters/runcommand/action'])]),
    role(R.aksRbacClusterAdmin, 'Azure Kubernetes Service RBAC Cluster Admin', [perm(['Microsoft.Authorization/*/read', 'Microsoft.ContainerService/managedClusters/listClusterUserCredential/action'], [], ['Microsoft.ContainerService/managedClusters/*'])]),
    role(R.storageAccountContributor, 'Storage Account Contributor', [perm(['Microsoft.Authorization/*/read', 'Microsoft.Insights/alertRules/*', 'Microsoft.Network/virtualNetworks/subnets/joinViaServiceEndpoint/action', 'Microsoft.Resources/deployments/*', 'Microsoft.Storage/storageAccounts/*'])]),
    role(R.storageBlobDataOwner, 'Storage Blob Data Owner', [perm(['Microsoft.Storage/storageAccounts/blobServices/containers/*'], [], ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*'])]),
    role(R.storageBlobDataContributor, 'Storage Blob Data Contributor', [
      perm(['Microsoft.Storage/storageAccounts/blobServices/containers/delete', 'Microsoft.Storage/storageAccounts/blobServices/containers/read', 'Microsoft.Storage/storageAccounts/blobServices/containers/write'], [], [
        'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete',
        'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read',
        'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write',
        'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/move/action',
        'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action',
      ]),
    ]),
    role(R.storageBlobDataReader, 'Storage Blob Data Reader', [perm(['Microsoft.Storage/storageAccounts/blobServices/containers/read'], [], ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'])]),
    role(R.managedIdentityOperator, 'Managed Identity Operator', [perm(['Microsoft.ManagedIdentity/userAssignedIdentities/*/read', 'Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action', 'Microsoft.Authorization/*/read'])]),
  ].map((d) => [d.id, d]),
)

/** The bare GUID of a role definition reference (`/subscriptions/…/roleDefinitions/<guid>` or the GUID). */
export function roleDefinitionGuid(ref: string): string {
  const trimmed = ref.trim().toLowerCase()
  const slash = trimmed.lastIndexOf('/')
  return slash >= 0 ? trimmed.slice(slash + 1) : trimmed
}

/** Where a resolved role definition came from. */
export type RoleDefinitionSource = 'inventory' | 'builtin-table'

/** A role definition lookup over the inventory, falling back to {@link BUILTIN_ROLE_DEFINITIONS}. */
export interface RoleDefinitionResolver {
  resolve(ref: string): { readonly definition: AzRoleDefinition; readonly source: RoleDefinitionSource } | null
}

/** Index inventory definitions by GUID; inventory wins over the table (custom roles, newer built-ins). */
export function createRoleDefinitionResolver(inventoryDefinitions: readonly AzRoleDefinition[]): RoleDefinitionResolver {
  const byId = new Map(inventoryDefinitions.map((d) => [roleDefinitionGuid(d.id), d]))
  return {
    resolve(ref) {
      const id = roleDefinitionGuid(ref)
      const own = byId.get(id)
      if (own) return { definition: own, source: 'inventory' }
      const builtin = BUILTIN_ROLE_DEFINITIONS[id]
      return builtin ? { definition: builtin, source: 'builtin-table' } : null
    },
  }
}
