import { describe, expect, it } from 'vitest'
import { canAddMembers, canResetPassword, ENTRA_ROLE_IDS as E, findGraphPermission, parseDirectoryScope } from '../../../src/azure/rbac/index.js'

const none = { roleIds: [], isInRoleAssignableGroup: false }

describe('who can reset passwords', () => {
  it('Helpdesk Administrator resets non-admins and Helpdesk peers, not Global or Authentication Administrators', () => {
    expect(canResetPassword(E.helpdeskAdministrator, none)).toBe(true)
    expect(canResetPassword(E.helpdeskAdministrator, { roleIds: [E.helpdeskAdministrator], isInRoleAssignableGroup: false })).toBe(true)
    expect(canResetPassword(E.helpdeskAdministrator, { roleIds: [E.reportsReader], isInRoleAssignableGroup: false })).toBe(true)
    expect(canResetPassword(E.helpdeskAdministrator, { roleIds: [E.globalAdministrator], isInRoleAssignableGroup: false })).toBe(false)
    expect(canResetPassword(E.helpdeskAdministrator, { roleIds: [E.authenticationAdministrator], isInRoleAssignableGroup: false })).toBe(false)
  })

  it('Password Administrator cannot reset a Helpdesk Administrator; Authentication Administrator cannot reset a User Administrator', () => {
    expect(canResetPassword(E.passwordAdministrator, { roleIds: [E.helpdeskAdministrator], isInRoleAssignableGroup: false })).toBe(false)
    expect(canResetPassword(E.passwordAdministrator, { roleIds: [E.directoryReaders], isInRoleAssignableGroup: false })).toBe(true)
    expect(canResetPassword(E.authenticationAdministrator, { roleIds: [E.userAdministrator], isInRoleAssignableGroup: false })).toBe(false)
    expect(canResetPassword(E.userAdministrator, { roleIds: [E.groupsAdministrator], isInRoleAssignableGroup: false })).toBe(true)
  })

  it('the strictest role of a target decides', () => {
    expect(canResetPassword(E.helpdeskAdministrator, { roleIds: [E.reportsReader, E.authenticationAdministrator], isInRoleAssignableGroup: false })).toBe(false)
  })

  it('Privileged Authentication Administrator and Global Administrator reset anyone, role-assignable group members included', () => {
    const ga = { roleIds: [E.globalAdministrator], isInRoleAssignableGroup: true }
    expect(canResetPassword(E.privilegedAuthenticationAdministrator, ga)).toBe(true)
    expect(canResetPassword(E.globalAdministrator, ga)).toBe(true)
    expect(canResetPassword(E.userAdministrator, { roleIds: [], isInRoleAssignableGroup: true })).toBe(false)
  })

  it('Partner Tier2 resets anyone, Tier1 only non-admins; unrelated roles reset nobody', () => {
    expect(canResetPassword(E.partnerTier2Support, { roleIds: [E.globalAdministrator], isInRoleAssignableGroup: false })).toBe(true)
    expect(canResetPassword(E.partnerTier1Support, { roleIds: [E.directoryReaders], isInRoleAssignableGroup: false })).toBe(false)
    expect(canResetPassword(E.partnerTier1Support, none)).toBe(true)
    expect(canResetPassword(E.groupsAdministrator, none)).toBe(false)
  })
})

describe('group membership and scopes', () => {
  it('Groups Administrator cannot manage role-assignable groups; Privileged Role Administrator can', () => {
    expect(canAddMembers(E.groupsAdministrator, { isAssignableToRole: false })).toBe(true)
    expect(canAddMembers(E.groupsAdministrator, { isAssignableToRole: true })).toBe(false)
    expect(canAddMembers(E.privilegedRoleAdministrator, { isAssignableToRole: true })).toBe(true)
    expect(canAddMembers(E.helpdeskAdministrator, { isAssignableToRole: false })).toBe(false)
  })

  it('parses the three directory scope shapes', () => {
    expect(parseDirectoryScope('/')).toEqual({ kind: 'tenant' })
    expect(parseDirectoryScope('/administrativeUnits/AU1')).toEqual({ kind: 'administrativeUnit', id: 'au1' })
    expect(parseDirectoryScope('/1111-APP')).toEqual({ kind: 'object', id: '1111-app' })
  })

  it('finds Graph permissions by id or by value', () => {
    expect(findGraphPermission('9E3F62CF-CA93-4989-B6CE-BF83C28F9FE8')?.value).toBe('RoleManagement.ReadWrite.Directory')
    expect(findGraphPermission('00000000-0000-0000-0000-000000000000', 'approleassignment.readwrite.all')?.capability).toBe('grant-app-roles')
    expect(findGraphPermission('00000000-0000-0000-0000-000000000000', 'User.Read.All')).toBeNull()
  })
})
