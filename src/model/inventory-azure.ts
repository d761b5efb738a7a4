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
  readonly subject: string | null
  readonly audiences: readonly string[]
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
  readonly subscriptionId: string
  readonly tags: Readonly<Record<string, string>>
}

/** An Azure resource (VM, key vault, storage account, automation account, ...). */
export interface AzResource {
  readonly id: string
  /** ARM type, e.g. `Microsoft.Compute/virtualMachines`. */
  readonly type: string
  readonly name: string
  readonly subscriptionId: string
  readonly resourceGroupId: string
  readonly tags: Readonly<Record<string, string>>
  /** Principal ids of the managed identities attached to the resource. */
  readonly identities: readonly { readonly principalId: string; readonly type: 'SystemAssigned' | 'UserAssigned'; readonly resourceId: string | null }[]
  readonly properties: Readonly<Record<string, string | number | boolean | null>>
}

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
