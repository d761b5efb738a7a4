/**
 * @module techniques/azure/member-of
 * Group members act with the group's Entra roles, Azure RBAC and app access.
 */
import type { Technique } from '../technique.js'
import type { AzureTechniqueContext } from './context.js'
import { objectNode } from './context.js'
import { techniqueEdge } from './shared.js'

/** AZMemberOf: a structural edge, kept as a technique for its BloodHound mapping and help text. */
export const memberOf: Technique<AzureTechniqueContext> = {
  id: 'azure/member-of',
  provider: 'azure',
  edgeKind: 'MemberOf',
  title: 'Member of a group',
  gain: 'membership',
  requires: [{ action: 'membership', on: 'group' }],
  cost: 0,
  seeAlso: { bloodhound: 'AZMemberOf' },
  text: {
    general: 'A direct member of an Entra group holds the group\'s Azure RBAC assignments (nested groups too: Azure RBAC honours nesting), its app role assignments and, for a role-assignable group, its directory roles.',
    abuse: 'Nothing to do: membership is the access.',
    opsec: 'None.',
    remediation: 'Review membership of groups that hold privileged access; use role-assignable groups and PIM for Groups.',
    references: ['https://learn.microsoft.com/entra/fundamentals/concept-learn-about-groups'],
  },
  *detect(ctx) {
    for (const group of ctx.inventory.groups) {
      for (const member of group.members) {
        yield techniqueEdge(memberOf, objectNode(member), objectNode(group.id), [{ type: 'membership', policy: group.id.toLowerCase(), policyName: group.displayName, resource: group.id.toLowerCase(), note: `direct member of ${group.displayName}` }])
      }
    }
  },
}
