/**
 * @module azure/rbac/graph-permissions
 * Microsoft Graph application permissions (app roles of the Microsoft Graph
 * service principal, appId 00000003-0000-0000-c000-000000000000) that let a
 * service principal escalate, as data: id → value → capability. Ids are the
 * same in every tenant (the app role ids of Microsoft Graph).
 * https://learn.microsoft.com/graph/permissions-reference
 */

/** The appId of Microsoft Graph, the same in every tenant. */
export const MICROSOFT_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000'

/** What a Graph application permission lets its holder do. */
export type GraphCapability =
  | 'grant-role' // assign any directory role, Global Administrator included
  | 'grant-app-roles' // grant any app role (then grant-role) to itself without consent
  | 'add-secret-any' // add a credential to any app registration or service principal
  | 'add-secret-owned' // add a credential to the apps / SPs it owns
  | 'add-owner-sp' // add an owner to any service principal
  | 'add-member-non-role-assignable' // add members to groups that are not role-assignable
  | 'auth-method-any-user' // add an authentication method to any user (takeover, Global Administrators included)
  | 'pim-directory' // create active or eligible directory role assignments through PIM
  | 'pim-groups' // create PIM-for-Groups assignments (role-assignable groups included)
  | 'federated-domain' // add a federated domain, then sign in as an existing Global Administrator
  | 'conditional-access' // rewrite Conditional Access (weaken MFA, lock out)
  | 'intune-scripts' // create and assign PowerShell scripts that Intune runs on managed Windows devices
  | 'intune-apps' // create and assign Win32 apps whose install command Intune runs on managed Windows devices

/** One dangerous Graph application permission. */
export interface GraphPermissionSpec {
  /** The app role id; null when not recorded here (the permission is then recognised by its value only, i.e. when the Graph SP's appRoles were collected). */
  readonly id: string | null
  readonly value: string
  readonly capability: GraphCapability
  /** True when holding it alone amounts to control of the tenant. */
  readonly isTenantTakeover: boolean
  /** The BloodHound CE edge it produces, when BloodHound models it. */
  readonly bloodhound: string | null
}

/** The table, by permission (app role) id. */
export const GRAPH_PERMISSIONS: readonly GraphPermissionSpec[] = [
  { id: '9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8', value: 'RoleManagement.ReadWrite.Directory', capability: 'grant-role', isTenantTakeover: true, bloodhound: 'AZMGGrantRole' },
  { id: '06b708a9-e830-4db3-a914-8e69da51d44f', value: 'AppRoleAssignment.ReadWrite.All', capability: 'grant-app-roles', isTenantTakeover: true, bloodhound: 'AZMGGrantAppRoles' },
  { id: '1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9', value: 'Application.ReadWrite.All', capability: 'add-secret-any', isTenantTakeover: false, bloodhound: 'AZMGAddSecret' },
  { id: '18a4783c-866b-4cc7-a460-3d5e5662c884', value: 'Application.ReadWrite.OwnedBy', capability: 'add-secret-owned', isTenantTakeover: false, bloodhound: null },
  { id: '89c8469c-83ad-45f7-8ff2-6e3d4285709e', value: 'ServicePrincipalEndpoint.ReadWrite.All', capability: 'add-owner-sp', isTenantTakeover: false, bloodhound: 'AZMGAddOwner' },
  // Directory.ReadWrite.All no longer covers role-assignable groups or credentials; Group.ReadWrite.All
  // cannot change role-assignable membership (groups-concept.md).
  { id: '19dbc75e-c2e2-444c-a770-ec69d8559fc7', value: 'Directory.ReadWrite.All', capability: 'add-member-non-role-assignable', isTenantTakeover: false, bloodhound: 'AZMGAddMember' },
  { id: '62a82d76-70ea-41e2-9197-370581804d09', value: 'Group.ReadWrite.All', capability: 'add-member-non-role-assignable', isTenantTakeover: false, bloodhound: 'AZMGAddMember' },
  { id: 'dbaae8cf-10b5-4b86-a4a1-f871c94c6695', value: 'GroupMember.ReadWrite.All', capability: 'add-member-non-role-assignable', isTenantTakeover: false, bloodhound: 'AZMGAddMember' },
  { id: '50483e42-d915-4231-9639-7fdb7fd190e5', value: 'UserAuthenticationMethod.ReadWrite.All', capability: 'auth-method-any-user', isTenantTakeover: true, bloodhound: null },
  { id: 'dd199f4a-f148-40a4-a2ec-f0069cc799ec', value: 'RoleAssignmentSchedule.ReadWrite.Directory', capability: 'pim-directory', isTenantTakeover: true, bloodhound: null },
  { id: 'fee28b28-e1f3-4841-818e-2704dc62245f', value: 'RoleEligibilitySchedule.ReadWrite.Directory', capability: 'pim-directory', isTenantTakeover: true, bloodhound: null },
  { id: '2f6817f8-7b12-4f0f-bc18-eeaf60705a9e', value: 'PrivilegedAccess.ReadWrite.AzureADGroup', capability: 'pim-groups', isTenantTakeover: false, bloodhound: null },
  { id: '41202f2c-f7ab-45be-b001-85c9728b9d69', value: 'PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup', capability: 'pim-groups', isTenantTakeover: false, bloodhound: null },
  { id: '618b6020-bca8-4de6-99f6-ef445fa4d857', value: 'PrivilegedEligibilitySchedule.ReadWrite.AzureADGroup', capability: 'pim-groups', isTenantTakeover: false, bloodhound: null },
  { id: '7e05723c-0bb0-42da-be95-ae9f08a6e53c', value: 'Domain.ReadWrite.All', capability: 'federated-domain', isTenantTakeover: true, bloodhound: null },
  { id: '01c0a623-fc9b-48e9-b794-0756f8e8f067', value: 'Policy.ReadWrite.ConditionalAccess', capability: 'conditional-access', isTenantTakeover: false, bloodhound: null },
  // Intune: creating a deviceManagementScript and assigning it takes DeviceManagementScripts.ReadWrite.All or
  // DeviceManagementConfiguration.ReadWrite.All (Graph "Create deviceManagementScript" / "assign action");
  // a Win32 app (mobileApps create, content upload, assign) takes DeviceManagementApps.ReadWrite.All.
  // DeviceManagementManagedDevices.PrivilegedOperations.All (wipe, retire, passcode reset) and
  // DeviceManagementManagedDevices.ReadWrite.All (device properties, assignments of existing scripts)
  // author no code, so they are not here.
  // https://learn.microsoft.com/graph/api/intune-shared-devicemanagementscript-create?view=graph-rest-beta
  // https://learn.microsoft.com/graph/api/intune-apps-win32lobapp-create?view=graph-rest-beta
  { id: '9241abd9-d0e6-425a-bd4f-47ba86e767a4', value: 'DeviceManagementConfiguration.ReadWrite.All', capability: 'intune-scripts', isTenantTakeover: false, bloodhound: null },
  { id: null, value: 'DeviceManagementScripts.ReadWrite.All', capability: 'intune-scripts', isTenantTakeover: false, bloodhound: null },
  { id: '78145de6-330d-4800-a6ce-494ff2d33d07', value: 'DeviceManagementApps.ReadWrite.All', capability: 'intune-apps', isTenantTakeover: false, bloodhound: null },
]

const BY_ID = new Map(GRAPH_PERMISSIONS.flatMap((p) => (p.id ? [[p.id, p] as const] : [])))
const BY_VALUE = new Map(GRAPH_PERMISSIONS.map((p) => [p.value.toLowerCase(), p]))

/** Look a Graph permission up by app role id or, failing that, by value (`RoleManagement.ReadWrite.Directory`). */
export function findGraphPermission(appRoleId: string, value?: string | null): GraphPermissionSpec | null {
  return BY_ID.get(appRoleId.toLowerCase()) ?? (value ? (BY_VALUE.get(value.toLowerCase()) ?? null) : null)
}
