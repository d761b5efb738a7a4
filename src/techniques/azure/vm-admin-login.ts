/**
 * @module techniques/azure/vm-admin-login
 * Virtual Machine Administrator Login signs in to a VM as administrator.
 */
import { AZ_ROLE_IDS } from '../../azure/index.js'
import { AZURE_RESOURCE_TYPES } from '../../model/index.js'
import type { Technique } from '../technique.js'
import type { AzureTechniqueContext } from './context.js'
import { detectArmCompute } from './shared.js'

/** Virtual Machine Administrator Login signs in to a VM as administrator (BloodHound AZVMAdminLogin). */
export const vmAdminLogin: Technique<AzureTechniqueContext> = {
  id: 'azure/vm-admin-login',
  provider: 'azure',
  edgeKind: 'CanControl',
  title: 'Virtual Machine Administrator Login signs in to a VM as administrator',
  gain: 'execute',
  requires: [{ action: 'Microsoft.Compute/virtualMachines/loginAsAdmin/action', on: 'resource' }],
  cost: 2,
  seeAlso: { bloodhound: 'AZVMAdminLogin' },
  text: {
    general: 'Virtual Machine Administrator Login (data action loginAsAdmin) lets an Entra user sign in to an Entra-joined VM as a local administrator and so read its managed identity tokens.',
    abuse: 'az ssh vm -n <vm> -g <rg>, or RDP with Entra credentials; then query IMDS.',
    opsec: 'The operation is recorded in the Azure activity log; what the code does inside the resource is not.',
    remediation: 'Grant Administrator Login per VM and only to its operators; use User Login where possible.',
    references: ['https://learn.microsoft.com/entra/identity/devices/howto-vm-sign-in-azure-ad-windows'],
  },
  detect: (ctx) => detectArmCompute(ctx, vmAdminLogin, { roleIds: [AZ_ROLE_IDS.virtualMachineAdministratorLogin], action: 'Microsoft.Compute/virtualMachines/loginAsAdmin/action', plane: 'data', types: [AZURE_RESOURCE_TYPES.AZVM], note: 'can sign in as local administrator to' }),
}
