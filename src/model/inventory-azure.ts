/**
 * @module model/inventory-azure
 * The Azure / Entra ID part of the Inventory. Object ids are lower-cased GUIDs;
 * ARM ids are lower-cased paths. Secrets are never read: credentials carry
 * key ids, names and dates only.
 */

/** An Entra tenant. */
export interface AzTenant {
  readonly id: string
  readonly displayName: string | null
  readonly primaryDomain: string | null
}

/** An Entra user. */
export interface AzUser {
  readonly id: string
  readonly tenantId: string
  readonly userPrincipalName: string
  readonly displayName: string | null
  readonly enabled: boolean
  /** `Member` or `Guest`. */
  readonly userType: string | null
  readonly onPremisesSynced: boolean
  readonly lastSignIn: string | null
  readonly passwordLastSet: string | null
  /** Registered strong-auth methods, when collected (null = unknown). */
  readonly mfaRegistered: boolean | null
  /** On-premises AD SID of a synced user (links to AD; AZ-H01), when collected. */
  readonly onPremisesSecurityIdentifier?: string | null
}

/** An Entra group with its direct members and owners (object ids). */
export interface AzGroup {
  readonly id: string
  readonly tenantId: string
  readonly displayName: string
  /** Role-assignable groups can only be managed by Privileged Role Administrators. */
  readonly isAssignableToRole: boolean
  readonly securityEnabled: boolean
  readonly members: readonly string[]
  readonly owners: readonly string[]
  /** Dynamic membership rule, when the group is dynamic (AZ-E18); null otherwise. */
  readonly membershipRule?: string | null
}

/** One claim test of a flexible federated credential's expression: `claims['<claim>'] <operator> '<value>'`. */
export interface AzClaimTest {
  readonly claim: string
  /** `eq`: the claim equals the value; `matches`: `*` (any run) and `?` (one character) are wildcards. */
  readonly operator: 'eq' | 'matches'
  readonly value: string
}

/**
 * The claims-matching expression of a flexible federated identity credential
 * (instead of `subject`). Tests are all required (`and`).
 * https://learn.microsoft.com/entra/workload-id/workload-identities-flexible-federated-identity-credentials
 */
export interface AzClaimsMatching {
  /** As written. */
  readonly expression: string
  readonly languageVersion: number | null
  /** The parsed tests; null when the expression could not be read (the loader reported it). */
  readonly tests: readonly AzClaimTest[] | null
}

/** The test naming a flexible credential's subject: its first `sub` test (the others are conditions on the edge). */
export function subjectTestOf(tests: readonly AzClaimTest[]): AzClaimTest | undefined {
  return tests.find((t) => t.claim === 'sub')
}

/** A flexible credential whose expression could not be read (the loader reported it): who satisfies it is unknown. */
export function hasUnreadableClaims(credential: Pick<AzCredential, 'claimsMatching'>): boolean {
  return credential.claimsMatching != null && credential.claimsMatching.tests === null
}

/** A client secret, certificate or federated identity credential. Values are never read. */
export interface AzCredential {
  /** keyId for secrets/certificates, the credential's Graph id for federated credentials. */
  readonly id: string
  readonly type: 'secret' | 'certificate' | 'federated'
  readonly displayName: string | null
  readonly startDate: string | null
  readonly endDate: string | null
  /** Federated credentials only. */
  readonly issuer: string | null
  /**
   * The trusted `sub`: exact for a standard credential; for a flexible one the
   * value of its first `sub` test (a `matches` pattern keeps its wildcards), or
   * null when no test reads `sub` (every subject then passes that part).
   */
  readonly subject: string | null
  readonly audiences: readonly string[]
  /** Flexible federated credentials only (absent or null otherwise). */
  readonly claimsMatching?: AzClaimsMatching | null
}

/** An application registration. */
export interface AzApp {
  /** Object id. */
  readonly id: string
  readonly appId: string
  readonly tenantId: string
  readonly displayName: string
  readonly owners: readonly string[]
  readonly credentials: readonly AzCredential[]
}

/** A service principal (application, managed identity or legacy). */
export interface AzServicePrincipal {
  readonly id: string
  readonly appId: string
  readonly tenantId: string
  readonly displayName: string
  /** `Application`, `ManagedIdentity`, `Legacy`, `SocialIdp`. */
  readonly servicePrincipalType: string
  /** Tenant that owns the app registration (differs for multi-tenant apps). */
  readonly appOwnerTenantId: string | null
  readonly owners: readonly string[]
  readonly credentials: readonly AzCredential[]
  /** App roles this SP exposes, for resolving app role assignment ids to values (Graph permissions). */
  readonly appRoles: readonly { readonly id: string; readonly value: string | null }[]
  /**
   * For managed identities: the lower-cased ARM ids in `alternativeNames` (the
   * user-assigned identity resource, or the resource a system-assigned identity
   * belongs to). Empty/absent for other SPs.
   */
  readonly managedIdentityResourceIds?: readonly string[]
}

/** A management group. */
export interface AzManagementGroup {
  readonly id: string
  readonly name: string
  readonly displayName: string | null
  readonly tenantId: string
  /** Parent management group ARM id; null for the tenant root group. */
  readonly parentId: string | null
}

/** A subscription. */
export interface AzSubscription {
  /** ARM id `/subscriptions/<guid>`. */
  readonly id: string
  readonly subscriptionId: string
  readonly displayName: string | null
  readonly tenantId: string
  /** Parent management group ARM id. */
  readonly parentId: string | null
}

/** A resource group. */
export interface AzResourceGroup {
  readonly id: string
  readonly name: string
  /** Subscription GUID, lower case (not the `/subscriptions/…` path). */
  readonly subscriptionId: string
  readonly tags: Readonly<Record<string, string>>
}

/** An Azure resource (VM, key vault, storage account, automation account, ...). */
export interface AzResource {
  readonly id: string
  /**
   * ARM type, e.g. `Microsoft.Compute/virtualMachines`. Loaders spell known
   * types canonically (see `AZURE_RESOURCE_TYPES`); compare case-insensitively anyway.
   */
  readonly type: string
  readonly name: string
  /** Subscription GUID, lower case. */
  readonly subscriptionId: string
  /** Lower-cased ARM id of the resource group. */
  readonly resourceGroupId: string
  readonly tags: Readonly<Record<string, string>>
  /** Principal ids of the managed identities attached to the resource. */
  readonly identities: readonly { readonly principalId: string; readonly type: 'SystemAssigned' | 'UserAssigned'; readonly resourceId: string | null }[]
  readonly properties: Readonly<Record<string, string | number | boolean | null>>
}

/**
 * The ARM resource types the Azure loaders produce, by the AzureHound kind
 * that carries them. Techniques match `AzResource.type` against these values.
 */
export const AZURE_RESOURCE_TYPES = {
  AZVM: 'Microsoft.Compute/virtualMachines',
  AZVMScaleSet: 'Microsoft.Compute/virtualMachineScaleSets',
  AZKeyVault: 'Microsoft.KeyVault/vaults',
  AZAutomationAccount: 'Microsoft.Automation/automationAccounts',
  AZFunctionApp: 'Microsoft.Web/sites',
  AZWebApp: 'Microsoft.Web/sites',
  AZLogicApp: 'Microsoft.Logic/workflows',
  AZManagedCluster: 'Microsoft.ContainerService/managedClusters',
  AZContainerRegistry: 'Microsoft.ContainerRegistry/registries',
  AZStorageAccount: 'Microsoft.Storage/storageAccounts',
  AZUserAssignedIdentity: 'Microsoft.ManagedIdentity/userAssignedIdentities',
} as const

/** One permission block of an Azure role definition. */
export interface AzPermission {
  readonly actions: readonly string[]
  readonly notActions: readonly string[]
  readonly dataActions: readonly string[]
  readonly notDataActions: readonly string[]
}

/** An Azure RBAC role definition (built-in or custom). */
export interface AzRoleDefinition {
  /** Role definition id (GUID, lower case); assignments reference it. */
  readonly id: string
  readonly roleName: string
  readonly isBuiltIn: boolean
  readonly permissions: readonly AzPermission[]
  readonly assignableScopes: readonly string[]
}

/** An Azure RBAC role assignment at a scope, active or PIM-eligible. */
export interface AzRoleAssignment {
  readonly id: string
  readonly principalId: string
  /** `User`, `Group`, `ServicePrincipal`, ... when known. */
  readonly principalType: string | null
  readonly roleDefinitionId: string
  /** Lower-cased ARM scope (`/`, MG, subscription, RG, resource). */
  readonly scope: string
  /** ABAC condition expression; makes derived edges conditional. */
  readonly condition: string | null
  readonly status: 'active' | 'eligible'
}

/** An Azure deny assignment. */
export interface AzDenyAssignment {
  readonly id: string
  readonly scope: string
  readonly permissions: readonly AzPermission[]
  /** Principal ids denied; `00000000-0000-0000-0000-000000000000` means everyone. */
  readonly principals: readonly string[]
  readonly excludePrincipals: readonly string[]
  /** True when the deny stops at its own scope (ARM `doNotApplyToChildScopes`); absent = applies below too. */
  readonly doNotApplyToChildScopes?: boolean
}

/** An Entra directory role definition (built-in template or custom). */
export interface AzDirectoryRoleDefinition {
  /** Template id (GUID, lower case). */
  readonly id: string
  readonly displayName: string
  readonly isBuiltIn: boolean
  readonly allowedResourceActions: readonly string[]
}

/** An Entra directory role assignment, active or PIM-eligible. */
export interface AzDirectoryRoleAssignment {
  readonly id: string
  readonly principalId: string
  readonly roleDefinitionId: string
  /** `/` for the tenant, `/administrativeUnits/<id>` or an object id for narrower scopes. */
  readonly directoryScopeId: string
  readonly status: 'active' | 'eligible'
}

/** An app role assignment (application permission granted to a service principal, or user/group assignment). */
export interface AzAppRoleAssignment {
  readonly id: string
  /** The grantee (service principal, user or group object id). */
  readonly principalId: string
  /** The resource service principal exposing the role (e.g. Microsoft Graph's SP). */
  readonly resourceId: string
  readonly appRoleId: string
  /** Permission value when resolvable, e.g. `RoleManagement.ReadWrite.Directory`. */
  readonly appRoleValue: string | null
}

/** An Entra-registered or -joined device (Intune AZExecuteCommand targets Windows ones). */
export interface AzDevice {
  /** Object id. */
  readonly id: string
  /** The device id (a different GUID from the object id). */
  readonly deviceId: string | null
  readonly tenantId: string
  readonly displayName: string | null
  readonly operatingSystem: string | null
  readonly trustType: string | null
}

/**
 * One Key Vault access policy entry (the pre-RBAC data-plane model). Ignored by
 * Azure when the vault has `enableRbacAuthorization` true (see the vault's
 * `properties.enableRbacAuthorization` on its AzResource).
 * https://learn.microsoft.com/azure/key-vault/general/rbac-access-policy
 */
export interface AzKeyVaultAccessPolicy {
  /** `<vault arm id>#<object id>[#<application id>]`, lower-cased: one entry per vault and grantee. */
  readonly id: string
  /** Lower-cased ARM id of the vault. */
  readonly keyVaultId: string
  /** Grantee object id (user, group or SP). */
  readonly objectId: string
  /** Compound identity (`applicationId` set): the grantee acting through this app only. */
  readonly applicationId: string | null
  /** Permission names as written (ARM accepts any case; `all` means every permission). */
  readonly keys: readonly string[]
  readonly secrets: readonly string[]
  readonly certificates: readonly string[]
  readonly storage: readonly string[]
}

/** The PIM activation requirements of one Entra role (AzureHound AZRoleManagementPolicyAssignment). */
export interface AzRoleManagementPolicy {
  /** `<role definition id>` lower-cased (one policy per role and tenant-wide scope). */
  readonly id: string
  readonly roleDefinitionId: string
  readonly requiresApproval: boolean
  readonly requiresMfa: boolean
  readonly requiresJustification: boolean
  readonly requiresTicketInformation: boolean
  /** Object ids of named approvers (users and groups). */
  readonly approvers: readonly string[]
}

/** Everything known about the Azure / Entra side. */
export interface AzureInventory {
  readonly tenants: readonly AzTenant[]
  readonly users: readonly AzUser[]
  readonly groups: readonly AzGroup[]
  readonly apps: readonly AzApp[]
  readonly servicePrincipals: readonly AzServicePrincipal[]
  readonly managementGroups: readonly AzManagementGroup[]
  readonly subscriptions: readonly AzSubscription[]
  readonly resourceGroups: readonly AzResourceGroup[]
  readonly resources: readonly AzResource[]
  readonly roleDefinitions: readonly AzRoleDefinition[]
  readonly roleAssignments: readonly AzRoleAssignment[]
  readonly denyAssignments: readonly AzDenyAssignment[]
  readonly directoryRoleDefinitions: readonly AzDirectoryRoleDefinition[]
  readonly directoryRoleAssignments: readonly AzDirectoryRoleAssignment[]
  readonly appRoleAssignments: readonly AzAppRoleAssignment[]
  /** Optional sections (absent = not collected). */
  readonly devices?: readonly AzDevice[]
  readonly keyVaultAccessPolicies?: readonly AzKeyVaultAccessPolicy[]
  readonly roleManagementPolicies?: readonly AzRoleManagementPolicy[]
}

/** An empty Azure inventory. */
export function emptyAzureInventory(): AzureInventory {
  return {
    tenants: [],
    users: [],
    groups: [],
    apps: [],
    servicePrincipals: [],
    managementGroups: [],
    subscriptions: [],
    resourceGroups: [],
    resources: [],
    roleDefinitions: [],
    roleAssignments: [],
    denyAssignments: [],
    directoryRoleDefinitions: [],
    directoryRoleAssignments: [],
    appRoleAssignments: [],
  }
}
