/**
 * @module techniques/azure/mg-intune-execute
 * A service principal granted a Microsoft Graph device-management application
 * permission that authors code Intune runs (PowerShell platform scripts, Win32
 * app installers) runs it as SYSTEM on managed Windows devices — the Graph
 * permission counterpart of Intune Administrator (./intune-execute-command.ts).
 */
import type { Technique } from '../technique.js'
import type { AzureTechniqueContext } from './context.js'
import { objectNode } from './context.js'
import { appRoleEvidence, graphPermissionHolders, techniqueEdge, windowsDevices } from './shared.js'

/** What each capability lets the holder run, for the evidence note. */
const HOW: Readonly<Record<string, string>> = {
  'intune-scripts': 'create a PowerShell platform script and assign it to the device; the Intune Management Extension runs it as SYSTEM',
  'intune-apps': 'publish a Win32 app and assign it to the device; its install command runs as SYSTEM',
}

/** AZ-E15, the Graph permission route (DeviceManagement*.ReadWrite.All): code execution on Intune-managed Windows devices. */
export const mgIntuneExecute: Technique<AzureTechniqueContext> = {
  id: 'azure/mg-intune-execute',
  provider: 'azure',
  edgeKind: 'CanControl',
  title: 'Graph device-management permission: run code on Intune-managed Windows devices',
  gain: 'execute',
  requires: [
    {
      action: 'Microsoft Graph application permission DeviceManagementScripts.ReadWrite.All | DeviceManagementConfiguration.ReadWrite.All (scripts) | DeviceManagementApps.ReadWrite.All (Win32 apps)',
      on: 'Windows device',
    },
  ],
  cost: 2,
  seeAlso: { azureTiering: 'Microsoft Graph application permissions: DeviceManagement*.ReadWrite.All', bloodhound: 'AZExecuteCommand (role-based counterpart)' },
  text: {
    general:
      'Creating and assigning an Intune device management script (POST /deviceManagement/deviceManagementScripts, then …/assign) takes DeviceManagementScripts.ReadWrite.All or DeviceManagementConfiguration.ReadWrite.All as an application permission; publishing and assigning a Win32 app takes DeviceManagementApps.ReadWrite.All. Intune runs either as SYSTEM on the managed Windows devices it targets, assignable to "all devices", so the service principal controls every managed Windows device without any directory role. ' +
      'DeviceManagementManagedDevices.PrivilegedOperations.All (wipe, retire, passcode reset) and DeviceManagementManagedDevices.ReadWrite.All (device properties, assignments of scripts that already exist) author no code and give no edge. ' +
      'As for Intune Administrator, the edge ends at the device (who signs in to it is not collected) and only Windows devices count (operatingSystem containing "windows"; enrolment is not in the device record). DeviceManagementScripts.ReadWrite.All is recognised by its value, so only when the Microsoft Graph service principal and its app roles were collected.',
    abuse: 'With the SP\'s token: POST https://graph.microsoft.com/beta/deviceManagement/deviceManagementScripts with a base64 PowerShell scriptContent and runAsAccount "system", then POST …/deviceManagementScripts/{id}/assign targeting all devices or a group holding the device.',
    opsec: 'Script and app creation and assignment are in the Intune audit log with the app as actor; script results are reported back to Intune.',
    remediation: 'Grant device-management ReadWrite permissions only to tier-zero automation; prefer the Read.All variants; enable Intune multi-admin approval for scripts and apps; watch Intune audit logs for app-initiated script changes.',
    references: [
      'https://learn.microsoft.com/graph/api/intune-shared-devicemanagementscript-create?view=graph-rest-beta',
      'https://learn.microsoft.com/graph/api/intune-shared-devicemanagementscript-assign?view=graph-rest-beta',
      'https://learn.microsoft.com/graph/api/intune-apps-win32lobapp-create?view=graph-rest-beta',
      'https://learn.microsoft.com/graph/permissions-reference',
    ],
  },
  *detect(ctx) {
    const windows = windowsDevices(ctx)
    if (windows.length === 0) return
    for (const h of graphPermissionHolders(ctx, ['intune-scripts', 'intune-apps'])) {
      for (const d of windows) {
        const name = d.displayName ?? d.id
        yield techniqueEdge(mgIntuneExecute, h.from, objectNode(d.id), [appRoleEvidence(h, `${h.spec.value} lets it ${HOW[h.spec.capability] ?? 'run code on it'}: Windows device ${name}`)])
      }
    }
  },
}
