/**
 * @module techniques/azure/logic-app-contributor
 * Logic App Contributor edits a workflow that runs as the app identity.
 */
import { AZ_ROLE_IDS } from '../../azure/index.js'
import { AZURE_RESOURCE_TYPES } from '../../model/index.js'
import type { Technique } from '../technique.js'
import type { AzureTechniqueContext } from './context.js'
import { detectArmCompute } from './shared.js'

/** Logic App Contributor edits a workflow that runs as the app identity (BloodHound AZLogicAppContributor). */
export const logicAppContributor: Technique<AzureTechniqueContext> = {
  id: 'azure/logic-app-contributor',
  provider: 'azure',
  edgeKind: 'CanControl',
  title: 'Logic App Contributor edits a workflow that runs as the app identity',
  gain: 'execute',
  requires: [{ action: 'Microsoft.Logic/workflows/write', on: 'resource' }],
  cost: 2,
  seeAlso: { bloodhound: 'AZLogicAppContributor' },
  text: {
    general: 'Logic App Contributor can edit any workflow; an HTTP action authenticated with the managed identity hands its token, or its access, to the editor.',
    abuse: 'Add an HTTP action with managed identity authentication that calls the target API.',
    opsec: 'The operation is recorded in the Azure activity log; what the code does inside the resource is not.',
    remediation: 'Grant Logic App Contributor per workflow; keep privileged identities off shared workflows.',
    references: ['https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/integration#logic-app-contributor'],
  },
  detect: (ctx) => detectArmCompute(ctx, logicAppContributor, { roleIds: [AZ_ROLE_IDS.logicAppContributor], action: 'Microsoft.Logic/workflows/write', plane: 'control', types: [AZURE_RESOURCE_TYPES.AZLogicApp], note: 'can rewrite the workflow of' }),
}
