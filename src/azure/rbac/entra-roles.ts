/**
 * @module azure/rbac/entra-roles
 * Entra ID directory roles by template id and what each lets its holder do
 * to whom: tenant takeover, password reset per Microsoft's "who can reset
 * passwords" table, group membership (role-assignable groups excepted),
 * credentials and owners of applications.
 * https://learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference
 * https://learn.microsoft.com/entra/identity/role-based-access-control/privileged-roles-permissions#who-can-reset-passwords
 */

/** Template ids of the built-in directory roles crownpath reasons about. */
export const ENTRA_ROLE_IDS = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  privilegedRoleAdministrator: 'e8611ab8-c189-46e8-94e1-60213ab1f814',
  privilegedAuthenticationAdministrator: '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
  applicationAdministrator: '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
  cloudApplicationAdministrator: '158c047a-c907-4556-b7ef-446551a6b5f7',
  userAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  helpdeskAdministrator: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  passwordAdministrator: '966707d0-3269-4727-9be2-8c3a10f19b9d',
  authenticationAdministrator: 'c4e39bd9-1100-46d3-8c65-fb160da0071f',
  groupsAdministrator: 'fdd7a751-b60b-444a-984c-02652fe8fa1c',
  intuneAdministrator: '3a2c62db-5318-420d-8d74-23affee5d9d5',
  directoryWriters: '9360feb5-f418-4baa-8175-e2a00bac4301',
  knowledgeAdministrator: 'b5a8dcf3-09d5-43a9-a639-8e29ef291470',
  knowledgeManager: '744ec460-397e-42ad-a462-8b3f9747a02c',
  identityGovernanceAdministrator: '45d8d3c5-c802-45c6-b32a-1d70b5e1e86e',
  hybridIdentityAdministrator: '8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2',
  partnerTier1Support: '4ba39ca4-527c-499a-b93d-d9b492c50246',
  partnerTier2Support: 'e00e864a-17c5-4a4b-9c06-f5b95a8d5bd8',
  directorySynchronizationAccounts: 'd29b2b05-8046-44ba-8758-1e26182fcf32',
  securityAdministrator: '194ae4cb-b126-40b2-bd5b-6091b380977d',
  conditionalAccessAdministrator: 'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9',
  globalReader: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
  directoryReaders: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b',
  guestInviter: '95e79109-95c0-4d8e-aee3-d01accf2d47b',
  messageCenterReader: '790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b',
  reportsReader: '4a5d8f65-41da-4de4-8968-e035b65339cf',
  usageSummaryReportsReader: '75934031-6c7e-415a-99d7-48dbd49e875e',
  userExperienceSuccessManager: '27460883-1df1-4691-b032-3b79643e5e63',
} as const

const E = ENTRA_ROLE_IDS

/** Display names for the roles above (for evidence notes when the inventory has no definition). */
export const ENTRA_ROLE_NAMES: Readonly<Record<string, string>> = {
  [E.globalAdministrator]: 'Global Administrator',
  [E.privilegedRoleAdministrator]: 'Privileged Role Administrator',
  [E.privilegedAuthenticationAdministrator]: 'Privileged Authentication Administrator',
  [E.applicationAdministrator]: 'Application Administrator',
  [E.cloudApplicationAdministrator]: 'Cloud Application Administrator',
  [E.userAdministrator]: 'User Administrator',
  [E.helpdeskAdministrator]: 'Helpdesk Administrator',
  [E.passwordAdministrator]: 'Password Administrator',
  [E.authenticationAdministrator]: 'Authentication Administrator',
  [E.groupsAdministrator]: 'Groups Administrator',
  [E.intuneAdministrator]: 'Intune Administrator',
  [E.directoryWriters]: 'Directory Writers',
  [E.knowledgeAdministrator]: 'Knowledge Administrator',
  [E.knowledgeManager]: 'Knowledge Manager',
  [E.identityGovernanceAdministrator]: 'Identity Governance Administrator',
  [E.hybridIdentityAdministrator]: 'Hybrid Identity Administrator',
  [E.partnerTier1Support]: 'Partner Tier1 Support',
  [E.partnerTier2Support]: 'Partner Tier2 Support',
  [E.directorySynchronizationAccounts]: 'Directory Synchronization Accounts',
  [E.securityAdministrator]: 'Security Administrator',
  [E.conditionalAccessAdministrator]: 'Conditional Access Administrator',
  [E.globalReader]: 'Global Reader',
  [E.directoryReaders]: 'Directory Readers',
  [E.guestInviter]: 'Guest Inviter',
  [E.messageCenterReader]: 'Message Center Reader',
  [E.reportsReader]: 'Reports Reader',
  [E.usageSummaryReportsReader]: 'Usage Summary Reports Reader',
  [E.userExperienceSuccessManager]: 'User Experience Success Manager',
}

/** The display name of a role template id (or the id itself). */
export function entraRoleName(roleId: string): string {
  return ENTRA_ROLE_NAMES[roleId.toLowerCase()] ?? roleId
}

/**
 * Roles whose holder controls the tenant outright: Global Administrator
 * (everything, plus "elevate access" to User Access Administrator at `/`),
 * Privileged Role Administrator (assigns any role, Global Administrator
 * included), Privileged Authentication Administrator (resets any user's
 * password or methods, Global Administrators included).
 */
export const TENANT_TAKEOVER_ROLES: readonly string[] = [E.globalAdministrator, E.privilegedRoleAdministrator, E.privilegedAuthenticationAdministrator]

/** Roles that make their active holder a tier-zero principal (DESIGN.md "Tier zero"). */
export const TIER_ZERO_ROLES: readonly string[] = [E.globalAdministrator, E.privilegedRoleAdministrator]

/**
 * The reset groups of Microsoft's table, keyed by the rows' target roles.
 * Each entry lists the actor roles that may reset a target holding that role.
 */
const PA = E.passwordAdministrator
const HA = E.helpdeskAdministrator
const AA = E.authenticationAdministrator
const UA = E.userAdministrator
const PAA = E.privilegedAuthenticationAdministrator
const GA = E.globalAdministrator
const ALL_RESETTERS: readonly string[] = [PA, HA, AA, UA, PAA, GA]

const RESET_ROWS: Readonly<Record<string, readonly string[]>> = {
  [E.directoryReaders]: ALL_RESETTERS,
  [E.guestInviter]: ALL_RESETTERS,
  [E.passwordAdministrator]: ALL_RESETTERS,
  [E.helpdeskAdministrator]: [HA, UA, PAA, GA],
  [E.messageCenterReader]: [HA, AA, UA, PAA, GA],
  [E.reportsReader]: [HA, AA, UA, PAA, GA],
  [E.usageSummaryReportsReader]: [HA, AA, UA, PAA, GA],
  [E.userExperienceSuccessManager]: [HA, AA, UA, PAA, GA],
  [E.authenticationAdministrator]: [AA, PAA, GA],
  [E.userAdministrator]: [UA, PAA, GA],
  [E.groupsAdministrator]: [UA, PAA, GA],
}
/** Any role not in the table (Global Administrator included) is resettable only by these. */
const RESET_ANY_OTHER_ROLE: readonly string[] = [PAA, GA]

/** Roles that reset passwords at all (actors of the table), plus Partner Tier1/Tier2 Support. */
export const PASSWORD_RESET_ROLES: readonly string[] = [...ALL_RESETTERS, E.partnerTier1Support, E.partnerTier2Support]

/** What protects a target user from a password reset. */
export interface ResetTarget {
  /** Template ids of the directory roles the user holds (active or eligible). */
  readonly roleIds: readonly string[]
  /** True when the user is a member or owner of a role-assignable group (even one with no role). */
  readonly isInRoleAssignableGroup: boolean
}

/**
 * True when a holder of `actorRoleId` (tenant scope) may reset the password of
 * `target`. A target holding several roles is protected by the strictest:
 * the actor must be allowed for every one of them.
 */
export function canResetPassword(actorRoleId: string, target: ResetTarget): boolean {
  const actor = actorRoleId.toLowerCase()
  // Partner Tier2 Support resets anyone; Tier1 only non-administrators (deprecated roles).
  if (actor === E.partnerTier2Support) return true
  if (actor === E.partnerTier1Support) return target.roleIds.length === 0 && !target.isInRoleAssignableGroup
  if (!ALL_RESETTERS.includes(actor)) return false
  if (target.isInRoleAssignableGroup && !RESET_ANY_OTHER_ROLE.includes(actor)) return false
  return target.roleIds.every((roleId) => (RESET_ROWS[roleId.toLowerCase()] ?? RESET_ANY_OTHER_ROLE).includes(actor))
}

/** Roles that add members to any group, role-assignable ones included. */
export const ADD_MEMBERS_ANY_GROUP_ROLES: readonly string[] = [GA, E.privilegedRoleAdministrator]

/**
 * Roles that add members to groups that are NOT role-assignable. Microsoft:
 * membership of a role-assignable group can be managed only by Privileged
 * Role Administrators, Global Administrators and the group's owners.
 * https://learn.microsoft.com/entra/identity/role-based-access-control/groups-concept
 */
export const ADD_MEMBERS_ROLES: readonly string[] = [
  E.groupsAdministrator,
  E.userAdministrator,
  E.intuneAdministrator,
  E.knowledgeAdministrator,
  E.knowledgeManager,
  E.identityGovernanceAdministrator,
  E.directoryWriters,
]

/** True when a holder of `actorRoleId` (tenant scope) may add members to a group. */
export function canAddMembers(actorRoleId: string, group: { readonly isAssignableToRole: boolean }): boolean {
  const actor = actorRoleId.toLowerCase()
  if (ADD_MEMBERS_ANY_GROUP_ROLES.includes(actor)) return true
  return !group.isAssignableToRole && ADD_MEMBERS_ROLES.includes(actor)
}

/** Roles that add owners to any application and service principal (BloodHound's AZAddOwner sources). */
export const ADD_OWNER_ROLES: readonly string[] = [E.hybridIdentityAdministrator, E.partnerTier1Support, E.partnerTier2Support, E.directorySynchronizationAccounts]

/**
 * Directory permissions (custom roles' `allowedResourceActions`) that let a
 * holder add a credential to an application or service principal.
 */
export const CREDENTIAL_UPDATE_ACTIONS: readonly string[] = [
  'microsoft.directory/applications/credentials/update',
  'microsoft.directory/applications/allproperties/update',
  'microsoft.directory/serviceprincipals/credentials/update',
  'microsoft.directory/serviceprincipals/allproperties/update',
]

/** How a directory scope id reads: tenant-wide, one administrative unit, or one object (app). */
export type DirectoryScope =
  | { readonly kind: 'tenant' }
  | { readonly kind: 'administrativeUnit'; readonly id: string }
  | { readonly kind: 'object'; readonly id: string }

/** Parse `directoryScopeId`: `/`, `/administrativeUnits/<id>` or `/<object or app id>`. */
export function parseDirectoryScope(directoryScopeId: string): DirectoryScope {
  const s = directoryScopeId.trim().toLowerCase()
  if (s === '' || s === '/') return { kind: 'tenant' }
  const au = /^\/administrativeunits\/([^/]+)$/.exec(s)
  if (au?.[1]) return { kind: 'administrativeUnit', id: au[1] }
  return { kind: 'object', id: s.replace(/^\//, '') }
}
