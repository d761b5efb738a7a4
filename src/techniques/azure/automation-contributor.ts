/**
 * @module techniques/azure/automation-contributor
 * Automation Contributor edits a runbook that runs as the account identity.
 */
import { AZ_ROLE_IDS } from '../../azure/index.js'
import { AZURE_RESOURCE_TYPES } from '../../model/index.js'
import type { Technique } from '../technique.js'
import type { AzureTechniqueContext } from './context.js'
import { detectArmCompute } from './shared.js'

/** Automation Contributor edits a runbook that runs as the account identity (BloodHound AZAutomationContributor). */
export const automationContributor: Technique<AzureTechniqueContext> = {
  id: 'azure/automation-contributor',
  provider: 'azure',
  edgeKind: 'CanControl',
  title: 'Automation Contributor edits a runbook that runs as the account identity',
  gain: 'execute',
  requires: [{ action: 'Microsoft.Automation/automationAccounts/runbooks/write', on: 'resource' }],
  cost: 2,
  seeAlso: { bloodhound: 'AZAutomationContributor' },
  text: {
    general: 'Automation Contributor manages automation accounts; a runbook it publishes runs with the account managed identity (and Run As account).',
    abuse: 'Import-AzAutomationRunbook; Start-AzAutomationRunbook; the runbook calls Connect-AzAccount -Identity.',
    opsec: 'The operation is recorded in the Azure activity log; what the code does inside the resource is not.',
    remediation: 'Keep privileged identities off automation accounts many people contribute to.',
    references: ['https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/management-and-governance#automation-contributor'],
  },
  detect: (ctx) => detectArmCompute(ctx, automationContributor, { roleIds: [AZ_ROLE_IDS.automationContributor], action: 'Microsoft.Automation/automationAccounts/runbooks/write', plane: 'control', types: [AZURE_RESOURCE_TYPES.AZAutomationAccount], note: 'can publish and run a runbook in' }),
}
