/**
 * @module techniques/azure/global-admin
 * Global Administrator (active or PIM eligible) controls the tenant.
 */
import { ENTRA_ROLE_IDS } from '../../azure/index.js'
import type { Technique } from '../technique.js'
import type { AzureTechniqueContext } from './context.js'
import { defaultTenantNode, directoryRoleHolders, entraEvidence, techniqueEdge } from './shared.js'

/** AZ-E01: Global Administrator → tenant. */
export const globalAdmin: Technique<AzureTechniqueContext> = {
  id: 'azure/global-admin',
  provider: 'azure',
  edgeKind: 'AdminTo',
  title: 'Global Administrator controls the tenant',
  gain: 'admin',
  requires: [{ action: `Entra role Global Administrator (${ENTRA_ROLE_IDS.globalAdministrator})`, on: 'tenant' }],
  cost: 1,
  seeAlso: { bloodhound: 'AZGlobalAdmin' },
  text: {
    general: 'A Global Administrator can do anything in Entra ID and can switch on "elevate access" to become User Access Administrator at the root of every Azure subscription.',
    abuse: 'Assign any role, reset any credential, or POST /providers/Microsoft.Authorization/elevateAccess to control all subscriptions.',
    opsec: 'Role assignments and elevateAccess are audited in the Entra and Azure activity logs.',
    remediation: 'Keep Global Administrators to a few cloud-only break-glass and PIM-eligible accounts with phishing-resistant MFA.',
    references: ['https://learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference#global-administrator', 'https://learn.microsoft.com/azure/role-based-access-control/elevate-access-global-admin'],
  },
  *detect(ctx) {
    const tenant = defaultTenantNode(ctx)
    if (!tenant) return
    for (const h of directoryRoleHolders(ctx, [ENTRA_ROLE_IDS.globalAdministrator])) {
      yield techniqueEdge(globalAdmin, h.from, tenant, [entraEvidence(h, 'Global Administrator controls every object in the tenant')], h.conditions)
    }
  },
}
