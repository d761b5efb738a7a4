/**
 * @module techniques/azure/intune-execute-command
 * Intune Administrators run PowerShell scripts on Intune-managed Windows
 * devices (BloodHound AZExecuteCommand).
 */
import { ENTRA_ROLE_IDS } from '../../azure/index.js'
import type { Technique } from '../technique.js'
import type { AzureTechniqueContext } from './context.js'
import { objectNode } from './context.js'
import { directoryRoleHolders, entraEvidence, techniqueEdge, windowsDevices } from './shared.js'

/** AZ-E15: run code on managed Windows devices. */
export const intuneExecuteCommand: Technique<AzureTechniqueContext> = {
  id: 'azure/intune-execute-command',
  provider: 'azure',
  edgeKind: 'CanControl',
  title: 'Run a script on an Intune-managed Windows device',
  gain: 'execute',
  requires: [{ action: 'microsoft.intune/allEntities/allTasks (Intune Administrator)', on: 'Windows device' }],
  cost: 2,
  seeAlso: { bloodhound: 'AZExecuteCommand' },
  text: {
    general:
      'Intune Administrator manages everything in Intune, including PowerShell platform scripts that the Intune Management Extension runs as SYSTEM on managed Windows devices. From SYSTEM the attacker reaches the tokens and credentials of whoever signs in to the device. ' +
      'Who uses a device (its registered owners and users, sign-ins) is not collected, so the edge ends at the device: it shows that the device is controlled, not which user follows. ' +
      'Only Windows devices get an edge (operatingSystem containing "windows"); whether a device is actually Intune-enrolled is not in AzureHound\'s device record, so every Windows device in the tenant is counted. ' +
      'Administrative-unit-scoped assignments give no edge (AU membership is not collected). PIM-eligible assignments give a conditional edge.',
    abuse: 'Intune admin center → Devices → Scripts and remediations → Platform scripts → add a PowerShell script, assign it to a group holding the target device (or POST /deviceManagement/deviceManagementScripts and …/assign over Microsoft Graph).',
    opsec: 'Script creation and assignment are in the Intune audit log; the script output is reported back to Intune.',
    remediation: 'Treat Intune Administrator as tier zero for every managed device; require PIM activation with approval; use Intune scope tags and multi-admin approval for scripts.',
    references: [
      'https://learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference#intune-administrator',
      'https://learn.microsoft.com/mem/intune/apps/intune-management-extension',
      'https://bloodhound.specterops.io/resources/edges/az-execute-command',
    ],
  },
  *detect(ctx) {
    const windows = windowsDevices(ctx)
    if (windows.length === 0) return
    for (const h of directoryRoleHolders(ctx, [ENTRA_ROLE_IDS.intuneAdministrator])) {
      for (const d of windows) {
        const name = d.displayName ?? d.id
        yield techniqueEdge(intuneExecuteCommand, h.from, objectNode(d.id), [entraEvidence(h, `may run PowerShell scripts as SYSTEM on Windows device ${name} through Intune`, 'microsoft.intune/allEntities/allTasks')], h.conditions)
      }
    }
  },
}
