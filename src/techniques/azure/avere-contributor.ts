/**
 * @module techniques/azure/avere-contributor
 * Avere Contributor runs commands on a VM.
 */
import { AZ_ROLE_IDS } from '../../azure/index.js'
import { AZURE_RESOURCE_TYPES } from '../../model/index.js'
import type { Technique } from '../technique.js'
import type { AzureTechniqueContext } from './context.js'
import { detectArmCompute } from './shared.js'

/** Avere Contributor runs commands on a VM (BloodHound AZAvereContributor). */
export const avereContributor: Technique<AzureTechniqueContext> = {
  id: 'azure/avere-contributor',
  provider: 'azure',
  edgeKind: 'CanControl',
  title: 'Avere Contributor runs commands on a VM',
  gain: 'execute',
  requires: [{ action: 'Microsoft.Compute/virtualMachines/runCommand/action', on: 'resource' }],
  cost: 2,
  seeAlso: { bloodhound: 'AZAvereContributor' },
  text: {
    general: 'Avere Contributor includes Microsoft.Compute/virtualMachines/*, so it can run commands on VMs in its scope and take their managed identities.',
    abuse: 'az vm run-command invoke …',
    opsec: 'The operation is recorded in the Azure activity log; what the code does inside the resource is not.',
    remediation: 'Remove unused Avere Contributor assignments.',
    references: ['https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/storage#avere-contributor'],
  },
  detect: (ctx) => detectArmCompute(ctx, avereContributor, { roleIds: [AZ_ROLE_IDS.avereContributor], action: 'Microsoft.Compute/virtualMachines/runCommand/action', plane: 'control', types: [AZURE_RESOURCE_TYPES.AZVM], note: 'can run commands on' }),
}
