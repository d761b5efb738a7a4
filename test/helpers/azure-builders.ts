/**
 * @module test/helpers/azure-builders
 * Small builders for AzureInventory records: tests (and the technique case
 * files, whose records are partial) state only the fields that matter.
 */
import type {
  AzApp,
  AzAppRoleAssignment,
  AzCredential,
  AzDenyAssignment,
  AzDirectoryRoleAssignment,
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
  AzUser,
  AzureInventory,
} from '../../src/model/index.js'
import { emptyAzureInventory } from '../../src/model/index.js'

/** The tenant every builder defaults to. */
export const TENANT = '6c12b0b0-1111-4a6b-8f00-000000000001'

type P<T> = Partial<T> & { id: string }

export function azUser(p: P<AzUser>): AzUser {
  return { tenantId: TENANT, userPrincipalName: `${p.id}@example.test`, displayName: null, enabled: true, userType: 'Member', onPremisesSynced: false, lastSignIn: null, passwordLastSet: null, mfaRegistered: null, ...p }
}

export function azGroup(p: P<AzGroup>): AzGroup {
  return { tenantId: TENANT, displayName: p.id, isAssignableToRole: false, securityEnabled: true, members: [], owners: [], ...p }
}

export function azCredential(p: P<AzCredential>): AzCredential {
  return { type: 'secret', displayName: null, startDate: null, endDate: null, issuer: null, subject: null, audiences: [], ...p }
}

export function azApp(p: P<AzApp> & { appId: string }): AzApp {
  return { tenantId: TENANT, displayName: p.id, owners: [], ...p, credentials: (p.credentials ?? []).map((c) => azCredential(c)) }
}

export function azSp(p: P<AzServicePrincipal> & { appId?: string }): AzServicePrincipal {
  return { appId: p.id, tenantId: TENANT, displayName: p.id, servicePrincipalType: 'Application', appOwnerTenantId: TENANT, owners: [], appRoles: [], ...p, credentials: (p.credentials ?? []).map((c) => azCredential(c)) }
}

export function azMg(p: P<AzManagementGroup>): AzManagementGroup {
  return { name: p.id.split('/').pop() ?? p.id, displayName: null, tenantId: TENANT, parentId: null, ...p }
}

export function azSub(p: P<AzSubscription>): AzSubscription {
  const guid = p.id.split('/').pop() ?? p.id
  return { subscriptionId: guid, displayName: null, tenantId: TENANT, parentId: null, ...p }
}

export function azRg(p: P<AzResourceGroup>): AzResourceGroup {
  const parts = p.id.split('/')
  return { name: parts[4] ?? p.id, subscriptionId: parts[2] ?? '', tags: {}, ...p }
}

export function azResource(p: P<AzResource> & { type: string }): AzResource {
  const parts = p.id.split('/')
  return {
    name: parts[parts.length - 1] ?? p.id,
    subscriptionId: parts[2] ?? '',
    resourceGroupId: parts.slice(0, 5).join('/').toLowerCase(),
    tags: {},
    identities: [],
    properties: {},
    ...p,
  }
}

export function roleAssignment(p: P<AzRoleAssignment> & { principalId: string; roleDefinitionId: string; scope: string }): AzRoleAssignment {
  return { principalType: null, condition: null, status: 'active', ...p }
}

export function denyAssignment(p: P<AzDenyAssignment> & { scope: string }): AzDenyAssignment {
  return { permissions: [], principals: [], excludePrincipals: [], ...p }
}

export function roleDefinition(p: P<AzRoleDefinition>): AzRoleDefinition {
  return { roleName: p.id, isBuiltIn: false, permissions: [], assignableScopes: ['/'], ...p }
}

export function dirRole(p: P<AzDirectoryRoleAssignment> & { principalId: string; roleDefinitionId: string }): AzDirectoryRoleAssignment {
  return { directoryScopeId: '/', status: 'active', ...p }
}

export function appRole(p: P<AzAppRoleAssignment> & { principalId: string; resourceId: string; appRoleId: string }): AzAppRoleAssignment {
  return { appRoleValue: null, ...p }
}

export function accessPolicy(p: Partial<AzKeyVaultAccessPolicy> & { keyVaultId: string; objectId: string }): AzKeyVaultAccessPolicy {
  return { id: `${p.keyVaultId.toLowerCase()}#${p.objectId.toLowerCase()}`, applicationId: null, keys: [], secrets: [], certificates: [], storage: [], ...p }
}

export function rolePolicy(p: Partial<AzRoleManagementPolicy> & { roleDefinitionId: string }): AzRoleManagementPolicy {
  return { id: p.roleDefinitionId, requiresApproval: false, requiresMfa: false, requiresJustification: false, requiresTicketInformation: false, approvers: [], ...p }
}

/** A loosely typed inventory description, as written in the technique case files. */
export type AzureInventoryInput = { [K in keyof AzureInventory]?: unknown[] }

/** Build a full AzureInventory from partial records (case files, tests). */
export function azureInventory(input: AzureInventoryInput = {}): AzureInventory {
  const base = emptyAzureInventory()
  const map = <T>(list: unknown[] | undefined, f: (x: never) => T): T[] => (list ?? []).map((x) => f(x as never))
  return {
    ...base,
    tenants: map(input.tenants, (t: { id: string }) => ({ displayName: null, primaryDomain: null, ...(t as object), id: t.id })),
    users: map(input.users, azUser),
    groups: map(input.groups, azGroup),
    apps: map(input.apps, azApp),
    servicePrincipals: map(input.servicePrincipals, azSp),
    managementGroups: map(input.managementGroups, azMg),
    subscriptions: map(input.subscriptions, azSub),
    resourceGroups: map(input.resourceGroups, azRg),
    resources: map(input.resources, azResource),
    roleDefinitions: map(input.roleDefinitions, roleDefinition),
    roleAssignments: map(input.roleAssignments, roleAssignment),
    denyAssignments: map(input.denyAssignments, denyAssignment),
    directoryRoleDefinitions: map(input.directoryRoleDefinitions, (d: { id: string }) => ({ displayName: d.id, isBuiltIn: false, allowedResourceActions: [], ...(d as object), id: d.id })),
    directoryRoleAssignments: map(input.directoryRoleAssignments, dirRole),
    appRoleAssignments: map(input.appRoleAssignments, appRole),
    devices: map(input.devices, (d: { id: string }) => ({ deviceId: null, tenantId: TENANT, displayName: null, operatingSystem: null, trustType: null, ...(d as object), id: d.id })),
    keyVaultAccessPolicies: map(input.keyVaultAccessPolicies, accessPolicy),
    roleManagementPolicies: map(input.roleManagementPolicies, rolePolicy),
  }
}
