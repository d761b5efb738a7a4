/**
 * @module techniques/azure/mg-tier-zero-permission
 * Graph application permissions that BloodHound does not model but that
 * amount to tenant takeover: add an authentication method to any user, PIM
 * role schedules, federated domains.
 */
import type { Technique } from '../technique.js'
import type { AzureTechniqueContext } from './context.js'
import { appRoleEvidence, defaultTenantNode, graphPermissionHolders, techniqueEdge } from './shared.js'

/** AZ-G05 / AZ-G06 / AZ-E17 (Domain.ReadWrite.All). */
export const mgTierZeroPermission: Technique<AzureTechniqueContext> = {
  id: 'azure/mg-tier-zero-permission',
  provider: 'azure',
  edgeKind: 'AdminTo',
  title: 'Graph permission that takes over a Global Administrator',
  gain: 'admin',
  requires: [{ action: 'UserAuthenticationMethod.ReadWrite.All | RoleAssignmentSchedule.ReadWrite.Directory | RoleEligibilitySchedule.ReadWrite.Directory | Domain.ReadWrite.All', on: 'tenant' }],
  cost: 2,
  seeAlso: { azureTiering: 'Tier 0 Microsoft Graph application permissions' },
  text: {
    general: 'UserAuthenticationMethod.ReadWrite.All adds a method (for example a Temporary Access Pass) to any user, Global Administrators included; the PIM schedule permissions create active or eligible Global Administrator assignments; Domain.ReadWrite.All adds a federated domain whose tokens sign in as an existing Global Administrator.',
    abuse: 'POST /users/{ga}/authentication/temporaryAccessPassMethods; or POST /roleManagement/directory/roleAssignmentScheduleRequests; or federate a new domain.',
    opsec: 'Audited with the app as actor.',
    remediation: 'Remove the permission or move the app to tier-zero management.',
    references: ['https://github.com/emiliensocchi/azure-tiering', 'https://learn.microsoft.com/graph/permissions-reference'],
  },
  *detect(ctx) {
    const tenant = defaultTenantNode(ctx)
    if (!tenant) return
    for (const h of graphPermissionHolders(ctx, ['auth-method-any-user', 'pim-directory', 'federated-domain'])) {
      yield techniqueEdge(mgTierZeroPermission, h.from, tenant, [appRoleEvidence(h, `${h.spec.value} lets it take over a Global Administrator`)])
    }
  },
}
