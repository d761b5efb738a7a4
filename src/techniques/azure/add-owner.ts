/**
 * @module techniques/azure/add-owner
 * Roles that may add owners to any application or service principal, after
 * which the new owner adds a credential.
 */
import { ADD_OWNER_ROLES } from '../../azure/index.js'
import type { Technique } from '../technique.js'
import type { AzureTechniqueContext } from './context.js'
import { credentialTargetsOf, directoryRoleHolders, entraEvidence, techniqueEdge } from './shared.js'

/** AZ-E09: Hybrid Identity Administrator, Partner Tier1/Tier2 Support, Directory Synchronization Accounts → apps and SPs. */
export const addOwner: Technique<AzureTechniqueContext> = {
  id: 'azure/add-owner',
  provider: 'azure',
  edgeKind: 'CanEscalateTo',
  title: 'Add oneself as owner of an application, then add a secret',
  gain: 'ownership',
  requires: [{ action: 'microsoft.directory/applications/owners/update, microsoft.directory/servicePrincipals/owners/update (Hybrid Identity Administrator, Partner Tier1/Tier2 Support, Directory Synchronization Accounts)', on: 'app or service principal' }],
  cost: 3,
  seeAlso: { bloodhound: 'AZAddOwner' },
  text: {
    general: 'These roles can change the owners of applications and service principals; an owner can add credentials and authenticate as the service principal (BloodHound post-processing, post.go).',
    abuse: 'POST /applications/{id}/owners/$ref with your object id, then POST /applications/{id}/addPassword.',
    opsec: 'Two audited changes: owner added, credential added.',
    remediation: 'Remove unused Directory Synchronization Accounts / partner roles; watch owner changes on privileged apps.',
    references: ['https://learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference#hybrid-identity-administrator'],
  },
  *detect(ctx) {
    for (const h of directoryRoleHolders(ctx, ADD_OWNER_ROLES)) {
      for (const t of credentialTargetsOf(ctx, h)) {
        yield techniqueEdge(addOwner, h.from, t.to, [entraEvidence(h, `may add an owner to ${t.name}, then a credential`, 'microsoft.directory/applications/owners/update')], h.conditions)
      }
    }
  },
}
