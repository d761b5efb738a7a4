/**
 * @module techniques/aws/iam-add-user-to-group
 * Self-escalation: a user adds itself to a more privileged group.
 */
import type { AwsInventory } from '../../model/index.js'
import type { Technique } from '../technique.js'
import type { AwsTechniqueContext } from './context.js'
import { accountNode, inventoryEvidence, techniqueEdge } from './shared.js'

const ID = 'aws/iam-add-user-to-group'

/** Every user in `users` added to `groupArn`. */
function withMembers(groupArn: string, users: ReadonlySet<string>): (aws: AwsInventory) => AwsInventory {
  return (aws) => ({
    ...aws,
    users: aws.users.map((u) => (users.has(u.arn) && !u.groups.includes(groupArn) ? { ...u, groups: [...u.groups, groupArn] } : u)),
  })
}

/** iam:AddUserToGroup on a group whose policies make the user admin-equivalent. */
export const iamAddUserToGroup: Technique<AwsTechniqueContext> = {
  id: ID,
  provider: 'aws',
  edgeKind: 'AdminTo',
  title: 'Add oneself to an admin group',
  gain: 'admin',
  requires: [{ action: 'iam:AddUserToGroup', on: 'a group that grants admin' }],
  cost: 1,
  seeAlso: { pathfinding: 'iam-013', iamVulnerable: '13', pacu: 'AddUserToGroup', cloudsplaining: 'AddUserToGroup', awspx: 'AddUserToGroup' },
  text: {
    general: 'An IAM user allowed iam:AddUserToGroup on a group can join it and act with the group\'s policies. crownpath re-evaluates the user as a member and keeps the edge only when it becomes admin-equivalent (its own boundary and the SCPs still apply). Roles cannot join groups.',
    abuse: 'aws iam add-user-to-group --group-name <group> --user-name <self>',
    opsec: 'One CloudTrail management event; group membership changes are commonly alerted on for admin groups.',
    remediation: 'Grant iam:AddUserToGroup only on groups that carry no more privilege than the caller, or only to administrators.',
    references: ['https://docs.aws.amazon.com/IAM/latest/APIReference/API_AddUserToGroup.html'],
  },
  *detect(ctx) {
    for (const group of ctx.inventory.groups) {
      const candidates = ctx.whoCan('iam:AddUserToGroup', group.arn).filter(({ principal }) => {
        const user = ctx.users.get(principal)
        return user !== undefined && !user.groups.includes(group.arn)
      })
      if (candidates.length === 0) continue
      const users = new Set(candidates.map((c) => c.principal))
      for (const { principal, grant } of candidates) {
        if (!ctx.isAdminAfter(`join:${group.arn}:${[...users].join(',')}`, withMembers(group.arn, users), principal)) continue
        yield techniqueEdge(iamAddUserToGroup, principal, accountNode(principal), [grant], [inventoryEvidence(group.arn, 'membership of this group makes the user admin-equivalent')])
      }
    }
  },
}
