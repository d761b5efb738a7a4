/**
 * @module techniques/azure/vm-contributor
 * Virtual Machine Contributor runs commands on a VM.
 */
import { AZ_ROLE_IDS } from '../../azure/index.js'
import { AZURE_RESOURCE_TYPES } from '../../model/index.js'
import type { Technique } from '../technique.js'
import type { AzureTechniqueContext } from './context.js'
import { detectArmCompute } from './shared.js'

/** Virtual Machine Contributor runs commands on a VM (BloodHound AZVMContributor). */
export const vmContributor: Technique<AzureTechniqueContext> = {
  id: 'azure/vm-contributor',
  provider: 'azure',
  edgeKind: 'CanControl',
  title: 'Virtual Machine Contributor runs commands on a VM',
  gain: 'execute',
  requires: [{ action: 'Microsoft.Compute/virtualMachines/runCommand/action', on: 'resource' }],
  cost: 2,
  seeAlso: { bloodhound: 'AZVMContributor' },
  text: {
    general: 'Virtual Machine Contributor manages VMs (Microsoft.Compute/virtualMachines/*), including Run Command and extensions, which execute as SYSTEM/root and can request tokens for the VM managed identities from IMDS.',
    abuse: 'az vm run-command invoke -g <rg> -n <vm> --command-id RunShellScript --scripts "curl -H Metadata:true http://169.254.169.254/metadata/identity/oauth2/token?..."',
    opsec: 'The operation is recorded in the Azure activity log; what the code does inside the resource is not.',
    remediation: 'Do not attach privileged managed identities to VMs that many people manage; grant VM Contributor per VM.',
    references: ['https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/compute#virtual-machine-contributor'],
  },
  detect: (ctx) => detectArmCompute(ctx, vmContributor, { roleIds: [AZ_ROLE_IDS.virtualMachineContributor], action: 'Microsoft.Compute/virtualMachines/runCommand/action', plane: 'control', types: [AZURE_RESOURCE_TYPES.AZVM, AZURE_RESOURCE_TYPES.AZVMScaleSet], note: 'can run commands as SYSTEM/root on' }),
}
