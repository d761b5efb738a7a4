/**
 * @module techniques/azure/mg-grant-role
 * A service principal with RoleManagement.ReadWrite.Directory assigns itself
 * Global Administrator.
 */
import type { Technique } from '../technique.js'
import type { AzureTechniqueContext } from './context.js'
import { appRoleEvidence, defaultTenantNode, graphPermissionHolders, techniqueEdge } from './shared.js'

/** AZ-G01. */
export const mgGrantRole: Technique<AzureTechniqueContext> = {
  id: 'azure/mg-grant-role',
  provider: 'azure',
  edgeKind: 'AdminTo',
  title: 'Graph RoleManagement.ReadWrite.Directory: assign Global Administrator',
  gain: 'admin',
  requires: [{ action: 'Microsoft Graph application permission RoleManagement.ReadWrite.Directory (9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8)', on: 'tenant' }],
  cost: 1,
  seeAlso: { bloodhound: 'AZMGGrantRole' },
  text: {
    general: 'RoleManagement.ReadWrite.Directory lets an application create directory role assignments, Global Administrator included, and manage role-assignable groups, without any signed-in user.',
    abuse: 'With a token for the SP: POST /roleManagement/directory/roleAssignments {principalId: <self>, roleDefinitionId: 62e90394-…, directoryScopeId: "/"}.',
    opsec: 'The assignment is audited with the app as actor.',
    remediation: 'Remove the permission; use PIM-scoped RoleAssignmentSchedule permissions only where required and protect the app\'s owners and credentials as tier zero.',
    references: ['https://learn.microsoft.com/graph/permissions-reference#rolemanagementreadwritedirectory'],
  },
  *detect(ctx) {
    const tenant = defaultTenantNode(ctx)
    if (!tenant) return
    for (const h of graphPermissionHolders(ctx, ['grant-role'])) {
      yield techniqueEdge(mgGrantRole, h.from, tenant, [appRoleEvidence(h, 'can assign itself Global Administrator')])
    }
  },
}
