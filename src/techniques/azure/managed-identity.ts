/**
 * @module techniques/azure/managed-identity
 * Compute runs as its managed identities: code execution in the resource
 * yields their tokens from IMDS.
 */
import { azureArmId } from '../../model/index.js'
import type { Technique } from '../technique.js'
import type { AzureTechniqueContext } from './context.js'
import { objectNode } from './context.js'
import { techniqueEdge } from './shared.js'

/** AZManagedIdentity: resource → its system- and user-assigned identities. */
export const managedIdentity: Technique<AzureTechniqueContext> = {
  id: 'azure/managed-identity',
  provider: 'azure',
  edgeKind: 'RunsAs',
  title: 'Compute runs as its managed identity',
  gain: 'assume',
  requires: [{ action: 'identity block of the resource', on: 'managed identity' }],
  cost: 1,
  seeAlso: { bloodhound: 'AZManagedIdentity' },
  text: {
    general: 'Code running in a VM, scale set, app, function, automation account, logic app or cluster can request tokens for every managed identity attached to it from the instance metadata service.',
    abuse: 'curl -H Metadata:true "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/"',
    opsec: 'Token requests are not logged by Azure; the identity\'s later calls are.',
    remediation: 'Give managed identities the least privilege; do not attach one identity to many resources.',
    references: ['https://learn.microsoft.com/entra/identity/managed-identities-azure-resources/how-to-use-vm-token'],
  },
  *detect(ctx) {
    for (const r of ctx.inventory.resources) {
      for (const identity of r.identities) {
        const via = identity.type === 'UserAssigned' ? `user-assigned identity ${identity.resourceId ?? identity.principalId}` : 'system-assigned identity'
        yield techniqueEdge(managedIdentity, azureArmId(r.id), objectNode(identity.principalId), [{ type: 'inventory', policy: azureArmId(r.id), policyName: r.name, resource: identity.resourceId ?? azureArmId(r.id), note: `${r.name} runs with its ${via}` }])
      }
    }
  },
}
