/**
 * @module techniques/azure/privileged-role-admin
 * Privileged Role Administrator can assign itself Global Administrator.
 */
import { ENTRA_ROLE_IDS } from '../../azure/index.js'
import type { Technique } from '../technique.js'
import type { AzureTechniqueContext } from './context.js'
import { defaultTenantNode, directoryRoleHolders, entraEvidence, techniqueEdge } from './shared.js'

/** AZ-E02: Privileged Role Administrator → tenant. */
export const privilegedRoleAdmin: Technique<AzureTechniqueContext> = {
  id: 'azure/privileged-role-admin',
  provider: 'azure',
  edgeKind: 'AdminTo',
  title: 'Privileged Role Administrator grants itself Global Administrator',
  gain: 'admin',
  requires: [{ action: `Entra role Privileged Role Administrator (${ENTRA_ROLE_IDS.privilegedRoleAdministrator})`, on: 'tenant' }],
  cost: 1,
  seeAlso: { bloodhound: 'AZPrivilegedRoleAdmin' },
  text: {
    general: 'A Privileged Role Administrator manages every directory role assignment and PIM setting, Global Administrator included, and the membership of role-assignable groups.',
    abuse: 'POST /roleManagement/directory/roleAssignments with roleDefinitionId 62e90394-69f5-4237-9190-012177145e10 for itself.',
    opsec: 'The new assignment is audited ("Add member to role").',
    remediation: 'Treat Privileged Role Administrator as Global Administrator: PIM-eligible only, approval required, few holders.',
    references: ['https://learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference#privileged-role-administrator'],
  },
  *detect(ctx) {
    const tenant = defaultTenantNode(ctx)
    if (!tenant) return
    for (const h of directoryRoleHolders(ctx, [ENTRA_ROLE_IDS.privilegedRoleAdministrator])) {
      yield techniqueEdge(privilegedRoleAdmin, h.from, tenant, [entraEvidence(h, 'can assign any directory role, Global Administrator included')], h.conditions)
    }
  },
}
