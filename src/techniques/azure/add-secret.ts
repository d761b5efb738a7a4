/**
 * @module techniques/azure/add-secret
 * Holders of a custom (or other) directory role whose permissions include
 * updating application / service principal credentials.
 */
import { CREDENTIAL_UPDATE_ACTIONS, ENTRA_ROLE_IDS } from '../../azure/index.js'
import type { Technique } from '../technique.js'
import type { AzureTechniqueContext } from './context.js'
import { credentialTargetsOf, directoryRoleHolders, entraEvidence, techniqueEdge } from './shared.js'

/** Built-in roles that have their own technique file (so they are not counted twice). */
const NAMED = new Set<string>([ENTRA_ROLE_IDS.applicationAdministrator, ENTRA_ROLE_IDS.cloudApplicationAdministrator, ENTRA_ROLE_IDS.globalAdministrator, ENTRA_ROLE_IDS.privilegedRoleAdministrator, ENTRA_ROLE_IDS.hybridIdentityAdministrator])

/** A credential-update directory permission, by role definition. */
export const addSecret: Technique<AzureTechniqueContext> = {
  id: 'azure/add-secret',
  provider: 'azure',
  edgeKind: 'CanEscalateTo',
  title: 'Add a secret to an application through a directory permission',
  gain: 'credentials',
  requires: [{ action: CREDENTIAL_UPDATE_ACTIONS.join(' | '), on: 'app or service principal' }],
  cost: 2,
  seeAlso: { bloodhound: 'AZAddSecret' },
  text: {
    general: 'A directory role (typically a custom one) whose allowedResourceActions include microsoft.directory/applications/credentials/update or servicePrincipals/credentials/update lets its holder add a secret to every app in its scope. BloodHound draws AZAddSecret only from the two built-in application admin roles; crownpath reads the role\'s permissions.',
    abuse: 'POST /applications/{id}/addPassword or /servicePrincipals/{id}/addPassword.',
    opsec: 'Credential additions are audited.',
    remediation: 'Remove credential-update permissions from custom roles or scope them to the apps the holder runs.',
    references: ['https://learn.microsoft.com/entra/identity/role-based-access-control/custom-available-permissions'],
  },
  *detect(ctx) {
    const granting = ctx.inventory.directoryRoleDefinitions.filter(
      (d) => !NAMED.has(d.id.toLowerCase()) && d.allowedResourceActions.some((a) => CREDENTIAL_UPDATE_ACTIONS.includes(a.toLowerCase())),
    )
    if (granting.length === 0) return
    const actionOf = new Map(granting.map((d) => [d.id.toLowerCase(), d.allowedResourceActions.find((a) => CREDENTIAL_UPDATE_ACTIONS.includes(a.toLowerCase())) ?? '']))
    for (const h of directoryRoleHolders(ctx, granting.map((d) => d.id), true)) {
      for (const t of credentialTargetsOf(ctx, h)) {
        yield techniqueEdge(addSecret, h.from, t.to, [entraEvidence(h, `role permission lets it add a credential to ${t.name}`, actionOf.get(h.roleId))], h.conditions)
      }
    }
  },
}
