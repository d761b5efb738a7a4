/**
 * @module techniques/azure/reset-password
 * Password-reset administrators take over the users Microsoft's "who can
 * reset passwords" table lets them reset.
 */
import type { AzureTechniqueContext } from './context.js'
import { objectNode } from './context.js'
import { canResetPassword, ENTRA_ROLE_IDS } from '../../azure/index.js'
import type { ResetTarget } from '../../azure/index.js'
import type { Technique } from '../technique.js'
import { directoryRoleHolders, entraEvidence, techniqueEdge } from './shared.js'

const E = ENTRA_ROLE_IDS

/**
 * Actor roles this technique draws edges for. Global Administrator and
 * Privileged Authentication Administrator can reset anyone, but they already
 * reach the tenant (tier zero) through their own techniques, so one edge per
 * user from them would only spend the edge budget.
 */
const ACTORS = [E.helpdeskAdministrator, E.passwordAdministrator, E.authenticationAdministrator, E.userAdministrator, E.partnerTier1Support, E.partnerTier2Support]

/** What protects each user: the roles it holds (directly or through a role-assignable group) and role-assignable group ties. */
export function resetTargets(ctx: AzureTechniqueContext): Map<string, ResetTarget> {
  const roleAssignable = new Set(ctx.inventory.groups.filter((g) => g.isAssignableToRole).map((g) => g.id.toLowerCase()))
  const ownsRoleAssignable = new Set<string>()
  for (const g of ctx.inventory.groups) if (g.isAssignableToRole) for (const o of g.owners) ownsRoleAssignable.add(o.toLowerCase())
  const out = new Map<string, ResetTarget>()
  for (const user of ctx.index.users.values()) {
    const id = user.id.toLowerCase()
    const groups = ctx.index.groupsOfMember.get(id) ?? []
    // Active and eligible roles both protect: we do not draw an edge Microsoft may refuse.
    const roleIds = [id, ...groups].flatMap((p) => (ctx.index.directoryRolesByPrincipal.get(p) ?? []).map((a) => a.roleDefinitionId))
    out.set(id, { roleIds: [...new Set(roleIds)], isInRoleAssignableGroup: ownsRoleAssignable.has(id) || groups.some((g) => roleAssignable.has(g)) })
  }
  return out
}

/** AZ-E04: reset the password of a user the role may reset, and sign in as them. */
export const resetPassword: Technique<AzureTechniqueContext> = {
  id: 'azure/reset-password',
  provider: 'azure',
  edgeKind: 'CanEscalateTo',
  title: 'Reset a user\'s password',
  gain: 'credentials',
  requires: [{ action: 'microsoft.directory/users/password/update (Helpdesk, Password, Authentication or User Administrator, Partner Tier1/Tier2 Support)', on: 'target user per the reset table' }],
  cost: 3,
  seeAlso: { bloodhound: 'AZResetPassword' },
  text: {
    general: 'Helpdesk, Password, Authentication and User Administrators may reset passwords only of users who hold no admin role or one of a few listed roles; members and owners of role-assignable groups are protected. crownpath applies Microsoft\'s table exactly (a Helpdesk Administrator cannot reset a Global Administrator). Assignments scoped to an administrative unit are not drawn (AU membership is not collected).',
    abuse: 'Reset the password (and MFA phone / email, which the same right covers), then sign in as the user.',
    opsec: 'Noisy: the user loses their password and the reset is audited.',
    remediation: 'Put privileged users in role-assignable groups or restricted-management administrative units; scope helpdesk roles to administrative units.',
    references: ['https://learn.microsoft.com/entra/identity/role-based-access-control/privileged-roles-permissions#who-can-reset-passwords'],
  },
  *detect(ctx) {
    const targets = resetTargets(ctx)
    for (const h of directoryRoleHolders(ctx, ACTORS)) {
      for (const [userId, target] of targets) {
        if (userId === h.principalId) continue
        if (!canResetPassword(h.roleId, target)) continue
        const to = objectNode(userId)
        const note = target.roleIds.length === 0 ? 'may reset the password of a user with no admin role' : 'may reset the password of a user whose roles the table allows'
        yield techniqueEdge(resetPassword, h.from, to, [entraEvidence(h, note, 'microsoft.directory/users/password/update')], h.conditions)
      }
    }
  },
}
