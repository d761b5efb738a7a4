/**
 * @module techniques/azure/mg-add-member
 * A service principal with Group/GroupMember/Directory.ReadWrite.All adds
 * members to groups that are not role-assignable.
 */
import type { Technique } from '../technique.js'
import type { AzureTechniqueContext } from './context.js'
import { objectNode } from './context.js'
import { appRoleEvidence, graphPermissionHolders, techniqueEdge } from './shared.js'

/** AZ-G04. */
export const mgAddMember: Technique<AzureTechniqueContext> = {
  id: 'azure/mg-add-member',
  provider: 'azure',
  edgeKind: 'CanEscalateTo',
  title: 'Graph GroupMember.ReadWrite.All: add itself to a group',
  gain: 'membership',
  requires: [{ action: 'Microsoft Graph application permission GroupMember.ReadWrite.All | Group.ReadWrite.All | Directory.ReadWrite.All', on: 'non-role-assignable group' }],
  cost: 2,
  seeAlso: { bloodhound: 'AZMGAddMember' },
  text: {
    general: 'These permissions change the membership of any group that is not role-assignable (role-assignable groups need RoleManagement.ReadWrite.Directory); the SP then holds the group\'s Azure RBAC and app access.',
    abuse: 'POST /groups/{id}/members/$ref with the SP\'s own object id.',
    opsec: 'Audited with the app as actor.',
    remediation: 'Make groups that hold privileged access role-assignable; remove the permission.',
    references: ['https://learn.microsoft.com/graph/permissions-reference#groupmemberreadwriteall', 'https://learn.microsoft.com/entra/identity/role-based-access-control/groups-concept'],
  },
  *detect(ctx) {
    for (const h of graphPermissionHolders(ctx, ['add-member-non-role-assignable'])) {
      for (const group of ctx.index.groups.values()) {
        if (group.isAssignableToRole || group.membershipRule) continue
        yield techniqueEdge(mgAddMember, h.from, objectNode(group.id), [appRoleEvidence(h, `can add itself to group ${group.displayName}`)])
      }
    }
  },
}
