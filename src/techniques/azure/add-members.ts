/**
 * @module techniques/azure/add-members
 * Group-management administrators add themselves to groups that are not
 * role-assignable and inherit the groups' access.
 */
import { ADD_MEMBERS_ROLES, canAddMembers } from '../../azure/index.js'
import type { Technique } from '../technique.js'
import type { AzureTechniqueContext } from './context.js'
import { objectNode } from './context.js'
import { directoryRoleHolders, entraEvidence, techniqueEdge } from './shared.js'

/** AZ-E10: add oneself to a non-role-assignable group. */
export const addMembers: Technique<AzureTechniqueContext> = {
  id: 'azure/add-members',
  provider: 'azure',
  edgeKind: 'CanEscalateTo',
  title: 'Add oneself to a group',
  gain: 'membership',
  requires: [{ action: 'microsoft.directory/groups/members/update (Groups, User, Intune, Knowledge, Identity Governance Administrator, Knowledge Manager, Directory Writers)', on: 'non-role-assignable group' }],
  cost: 2,
  seeAlso: { bloodhound: 'AZAddMembers' },
  text: {
    general: 'These roles manage the membership of every group that is not role-assignable. Role-assignable groups can be managed only by Privileged Role Administrators, Global Administrators (who already reach the tenant, so no per-group edge is drawn for them) and the group\'s owners (see azure/owns).',
    abuse: 'POST /groups/{id}/members/$ref with your own object id; the group\'s Azure RBAC and app access follow.',
    opsec: 'Membership changes are audited.',
    remediation: 'Give groups that hold privileged access isAssignableToRole=true (or put them in a restricted-management administrative unit).',
    references: ['https://learn.microsoft.com/entra/identity/role-based-access-control/groups-concept'],
  },
  *detect(ctx) {
    for (const h of directoryRoleHolders(ctx, ADD_MEMBERS_ROLES)) {
      for (const group of ctx.index.groups.values()) {
        if (group.id.toLowerCase() === h.principalId || !canAddMembers(h.roleId, group)) continue
        yield techniqueEdge(addMembers, h.from, objectNode(group.id), [entraEvidence(h, `may add members to non-role-assignable group ${group.displayName}`, 'microsoft.directory/groups/members/update')], h.conditions)
      }
    }
  },
}
