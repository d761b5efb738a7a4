/**
 * @module techniques/azure/privileged-auth-admin
 * Privileged Authentication Administrator resets any user's password or
 * methods, Global Administrators included.
 */
import { ENTRA_ROLE_IDS } from '../../azure/index.js'
import type { Technique } from '../technique.js'
import type { AzureTechniqueContext } from './context.js'
import { defaultTenantNode, directoryRoleHolders, entraEvidence, techniqueEdge } from './shared.js'

/** AZ-E03: Privileged Authentication Administrator → tenant. */
export const privilegedAuthAdmin: Technique<AzureTechniqueContext> = {
  id: 'azure/privileged-auth-admin',
  provider: 'azure',
  edgeKind: 'AdminTo',
  title: 'Privileged Authentication Administrator takes over a Global Administrator',
  gain: 'admin',
  requires: [{ action: `Entra role Privileged Authentication Administrator (${ENTRA_ROLE_IDS.privilegedAuthenticationAdministrator})`, on: 'tenant' }],
  cost: 2,
  seeAlso: { bloodhound: 'AZPrivilegedAuthAdmin' },
  text: {
    general: 'A Privileged Authentication Administrator can set or reset any authentication method and password of any user, Global Administrators included, and so sign in as one.',
    abuse: 'Reset a Global Administrator\'s password or register a Temporary Access Pass for them, then sign in.',
    opsec: 'Password resets and new methods are audited; the victim notices a changed password.',
    remediation: 'PIM-eligible only, approval required; protect Global Administrators with phishing-resistant MFA.',
    references: ['https://learn.microsoft.com/entra/identity/role-based-access-control/privileged-roles-permissions#who-can-reset-passwords'],
  },
  *detect(ctx) {
    const tenant = defaultTenantNode(ctx)
    if (!tenant) return
    for (const h of directoryRoleHolders(ctx, [ENTRA_ROLE_IDS.privilegedAuthenticationAdministrator])) {
      yield techniqueEdge(privilegedAuthAdmin, h.from, tenant, [entraEvidence(h, 'can reset the password and methods of any user, Global Administrators included')], h.conditions)
    }
  },
}
