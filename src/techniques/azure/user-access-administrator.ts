/**
 * @module techniques/azure/user-access-administrator
 * User Access Administrator / RBAC Administrator (role assignment writes
 * without broad control) grant themselves Owner of the scope.
 */
import { AZ_ROLE_IDS } from '../../azure/index.js'
import type { Technique } from '../technique.js'
import type { AzureTechniqueContext } from './context.js'
import { armEvidence, armGrants, armHolders, assignmentScopeNode, hasRole, isBroadControl, ROLE_ASSIGNMENT_WRITE, techniqueEdge } from './shared.js'

/** AZ-R01 (User Access Administrator, Role Based Access Control Administrator). */
export const userAccessAdministrator: Technique<AzureTechniqueContext> = {
  id: 'azure/user-access-administrator',
  provider: 'azure',
  edgeKind: 'AdminTo',
  title: 'User Access Administrator of an Azure scope',
  gain: 'admin',
  requires: [{ action: ROLE_ASSIGNMENT_WRITE, on: 'scope' }],
  cost: 2,
  seeAlso: { bloodhound: 'AZUserAccessAdministrator' },
  text: {
    general: 'A role that writes role assignments (User Access Administrator, Role Based Access Control Administrator, or a custom role) can grant itself Owner at its scope. A condition on the assignment (constrained delegation) makes the edge conditional. Key Vault Data Access Administrator, which may assign only Key Vault data roles, is handled by the Key Vault techniques instead.',
    abuse: 'az role assignment create --assignee <self> --role Owner --scope <scope>',
    opsec: 'The new assignment is in the activity log.',
    remediation: 'Constrain delegation with a condition listing the roles and principals a delegate may assign; use PIM.',
    references: ['https://learn.microsoft.com/azure/role-based-access-control/delegate-role-assignments-overview'],
  },
  *detect(ctx) {
    for (const g of armGrants(ctx, ROLE_ASSIGNMENT_WRITE)) {
      if (isBroadControl(ctx, g) || hasRole(g, [AZ_ROLE_IDS.keyVaultDataAccessAdministrator])) continue
      const to = assignmentScopeNode(ctx, g)
      for (const from of armHolders(ctx, g, ROLE_ASSIGNMENT_WRITE, g.assignment.scope)) {
        yield techniqueEdge(userAccessAdministrator, from, to, [armEvidence(g, ROLE_ASSIGNMENT_WRITE, `can grant itself Owner of ${g.assignment.scope}`)], g.grant.conditions)
      }
    }
  },
}
