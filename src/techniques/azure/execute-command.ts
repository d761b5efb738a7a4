/**
 * @module techniques/azure/execute-command
 * Any other role (custom or built-in) that grants VM Run Command.
 */
import { AZ_ROLE_IDS } from '../../azure/index.js'
import { AZURE_RESOURCE_TYPES } from '../../model/index.js'
import type { Technique } from '../technique.js'
import type { AzureTechniqueContext } from './context.js'
import { detectArmCompute, hasRole, isBroadControl } from './shared.js'

const RUN_COMMAND = 'Microsoft.Compute/virtualMachines/runCommand/action'
/** Roles with their own technique file. */
const NAMED = [AZ_ROLE_IDS.virtualMachineContributor, AZ_ROLE_IDS.avereContributor]

/** AZ-R02 for roles BloodHound does not name: read from the role's permissions. */
export const executeCommand: Technique<AzureTechniqueContext> = {
  id: 'azure/execute-command',
  provider: 'azure',
  edgeKind: 'CanControl',
  title: 'Run a command on a VM through a role that grants Run Command',
  gain: 'execute',
  requires: [{ action: RUN_COMMAND, on: 'virtual machine' }],
  cost: 2,
  seeAlso: { bloodhound: 'AZExecuteCommand' },
  text: {
    general: 'A custom (or less known built-in) role granting Microsoft.Compute/virtualMachines/runCommand/action runs code as SYSTEM/root on VMs in its scope. BloodHound\'s AZExecuteCommand is the Intune variant (scripts on managed devices), which crownpath draws as azure/intune-execute-command; this technique draws the same gain for VM Run Command from the role\'s permissions, so custom roles count.',
    abuse: 'az vm run-command invoke …, then request a managed identity token from IMDS.',
    opsec: 'Run Command invocations are in the activity log.',
    remediation: 'Remove runCommand/action from custom roles or scope them to single VMs.',
    references: ['https://learn.microsoft.com/azure/virtual-machines/run-command-overview'],
  },
  detect: (ctx) =>
    detectArmCompute(ctx, executeCommand, {
      roleIds: null,
      action: RUN_COMMAND,
      types: [AZURE_RESOURCE_TYPES.AZVM, AZURE_RESOURCE_TYPES.AZVMScaleSet],
      note: 'role permits Run Command on',
      // Owner/Contributor-class roles are drawn at scope level by their own techniques.
      keep: (g) => !hasRole(g, NAMED) && !isBroadControl(ctx, g),
    }),
}
