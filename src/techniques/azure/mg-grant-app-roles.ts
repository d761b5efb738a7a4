/**
 * @module techniques/azure/mg-grant-app-roles
 * A service principal with AppRoleAssignment.ReadWrite.All grants itself any
 * Graph permission (RoleManagement.ReadWrite.Directory), then Global Administrator.
 */
import type { Technique } from '../technique.js'
import type { AzureTechniqueContext } from './context.js'
import { appRoleEvidence, defaultTenantNode, graphPermissionHolders, techniqueEdge } from './shared.js'

/** AZ-G02. */
export const mgGrantAppRoles: Technique<AzureTechniqueContext> = {
  id: 'azure/mg-grant-app-roles',
  provider: 'azure',
  edgeKind: 'AdminTo',
  title: 'Graph AppRoleAssignment.ReadWrite.All: grant itself any permission',
  gain: 'admin',
  requires: [{ action: 'Microsoft Graph application permission AppRoleAssignment.ReadWrite.All (06b708a9-e830-4db3-a914-8e69da51d44f)', on: 'tenant' }],
  cost: 2,
  seeAlso: { bloodhound: 'AZMGGrantAppRoles' },
  text: {
    general: 'AppRoleAssignment.ReadWrite.All lets an application grant app roles — including Microsoft Graph application permissions — to any service principal, itself included, without admin consent.',
    abuse: 'POST /servicePrincipals/{graphSp}/appRoleAssignedTo granting itself RoleManagement.ReadWrite.Directory, then assign Global Administrator.',
    opsec: 'Two audited changes with the app as actor.',
    remediation: 'Remove the permission; it is tier zero.',
    references: ['https://learn.microsoft.com/graph/permissions-reference#approleassignmentreadwriteall'],
  },
  *detect(ctx) {
    const tenant = defaultTenantNode(ctx)
    if (!tenant) return
    for (const h of graphPermissionHolders(ctx, ['grant-app-roles'])) {
      yield techniqueEdge(mgGrantAppRoles, h.from, tenant, [appRoleEvidence(h, 'can grant itself RoleManagement.ReadWrite.Directory, then Global Administrator')])
    }
  },
}
