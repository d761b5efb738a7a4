/**
 * @module techniques/azure/owner
 * Owner (or any role with `*` including role assignment writes) of a scope
 * is admin of that scope.
 */
import type { Technique } from '../technique.js'
import type { AzureTechniqueContext } from './context.js'
import { armEvidence, armGrants, armHolders, assignmentScopeNode, isBroadControl, ROLE_ASSIGNMENT_WRITE, techniqueEdge } from './shared.js'

/** AZ-R01 (Owner). */
export const owner: Technique<AzureTechniqueContext> = {
  id: 'azure/owner',
  provider: 'azure',
  edgeKind: 'AdminTo',
  title: 'Owner of an Azure scope',
  gain: 'admin',
  requires: [{ action: ROLE_ASSIGNMENT_WRITE, on: 'scope' }, { action: '* (control plane)', on: 'scope' }],
  cost: 1,
  seeAlso: { bloodhound: 'AZOwner' },
  text: {
    general: 'A principal whose role grants every control-plane action, role assignment writes included (built-in Owner, or a custom role with `*`), controls the scope and everything below it: it can run code on any compute and grant itself any data role. Scopes are tier zero for their own contents.',
    abuse: 'az role assignment create --assignee <self> --role "Key Vault Administrator" --scope <scope>; or run commands on any VM in the scope.',
    opsec: 'Role assignment writes are in the Azure activity log.',
    remediation: 'Use PIM-eligible Owner at the narrowest scope; prefer Contributor plus a constrained RBAC Administrator.',
    references: ['https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/general#owner'],
  },
  *detect(ctx) {
    for (const g of armGrants(ctx, ROLE_ASSIGNMENT_WRITE)) {
      if (!isBroadControl(ctx, g)) continue
      const to = assignmentScopeNode(ctx, g)
      for (const from of armHolders(ctx, g, ROLE_ASSIGNMENT_WRITE, g.assignment.scope)) {
        yield techniqueEdge(owner, from, to, [armEvidence(g, ROLE_ASSIGNMENT_WRITE, `controls ${g.assignment.scope} and can assign any role there`)], g.grant.conditions)
      }
    }
  },
}
