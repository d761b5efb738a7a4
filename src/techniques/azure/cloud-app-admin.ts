/**
 * @module techniques/azure/cloud-app-admin
 * Cloud Application Administrator adds a credential to any app registration or
 * service principal (or, when scoped to one app, to that app).
 */
import { ENTRA_ROLE_IDS } from '../../azure/index.js'
import type { Technique } from '../technique.js'
import type { AzureTechniqueContext } from './context.js'
import { credentialTargetsOf, directoryRoleHolders, entraEvidence, techniqueEdge } from './shared.js'

/** AZ-E06 / AZ-E07: Cloud Application Administrator → apps and SPs. */
export const cloudAppAdmin: Technique<AzureTechniqueContext> = {
  id: 'azure/cloud-app-admin',
  provider: 'azure',
  edgeKind: 'CanEscalateTo',
  title: 'Cloud Application Administrator adds a secret to an application',
  gain: 'credentials',
  requires: [{ action: `Entra role Cloud Application Administrator (${ENTRA_ROLE_IDS.cloudApplicationAdministrator}): microsoft.directory/applications/credentials/update`, on: 'app or service principal (tenant or app scope)' }],
  cost: 2,
  seeAlso: { bloodhound: 'AZCloudAppAdmin' },
  text: {
    general: 'Cloud Application Administrators (Application Administrator without App Proxy) manage every app registration and enterprise app, credentials and owners included, so they can authenticate as any non-managed-identity service principal. Scoped to one app, they reach that app only.',
    abuse: 'POST /applications/{id}/addPassword, then sign in with the client id and the new secret.',
    opsec: 'Credential additions are audited ("Update application – Certificates and secrets management").',
    remediation: 'Scope Cloud Application Administrator to the apps a person runs; keep privileged apps\' owners and admins to tier-zero staff.',
    references: ['https://learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference#cloud-application-administrator'],
  },
  *detect(ctx) {
    for (const h of directoryRoleHolders(ctx, [ENTRA_ROLE_IDS.cloudApplicationAdministrator], true)) {
      for (const t of credentialTargetsOf(ctx, h)) {
        yield techniqueEdge(cloudAppAdmin, h.from, t.to, [entraEvidence(h, `may add a credential to ${t.name}`, 'microsoft.directory/applications/credentials/update')], h.conditions)
      }
    }
  },
}
