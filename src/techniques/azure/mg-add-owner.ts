/**
 * @module techniques/azure/mg-add-owner
 * A service principal with ServicePrincipalEndpoint.ReadWrite.All adds an
 * owner to a service principal (BloodHound's AZMGAddOwner).
 */
import type { Technique } from '../technique.js'
import type { AzureTechniqueContext } from './context.js'
import { isManagedIdentity, objectNode } from './context.js'
import { appRoleEvidence, graphPermissionHolders, techniqueEdge } from './shared.js'

/** AZMGAddOwner from ServicePrincipalEndpoint.ReadWrite.All (Application.ReadWrite.All is covered by azure/mg-add-secret). */
export const mgAddOwner: Technique<AzureTechniqueContext> = {
  id: 'azure/mg-add-owner',
  provider: 'azure',
  edgeKind: 'CanEscalateTo',
  title: 'Graph ServicePrincipalEndpoint.ReadWrite.All: add an owner to a service principal',
  gain: 'ownership',
  requires: [{ action: 'Microsoft Graph application permission ServicePrincipalEndpoint.ReadWrite.All (89c8469c-83ad-45f7-8ff2-6e3d4285709e)', on: 'service principal' }],
  cost: 3,
  seeAlso: { bloodhound: 'AZMGAddOwner' },
  text: {
    general: 'BloodHound documents ServicePrincipalEndpoint.ReadWrite.All as able to add owners to service principals; an owner then adds a credential. Application.ReadWrite.All also adds owners, but its direct credential edge (azure/mg-add-secret) already covers the same targets.',
    abuse: 'POST /servicePrincipals/{id}/owners/$ref, then addPassword as the owner.',
    opsec: 'Audited with the app as actor.',
    remediation: 'Remove the permission unless the app manages SP endpoints.',
    references: ['https://bloodhound.specterops.io/resources/edges/az-mg-add-owner'],
  },
  *detect(ctx) {
    for (const h of graphPermissionHolders(ctx, ['add-owner-sp'])) {
      for (const sp of ctx.index.servicePrincipals.values()) {
        if (isManagedIdentity(sp) || sp.id.toLowerCase() === h.principalId) continue
        yield techniqueEdge(mgAddOwner, h.from, objectNode(sp.id), [appRoleEvidence(h, `can add an owner to ${sp.displayName}, then a credential`)])
      }
    }
  },
}
