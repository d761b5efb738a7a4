/**
 * @module techniques/azure/website-contributor
 * Website Contributor deploys code to a web or function app.
 */
import { AZ_ROLE_IDS } from '../../azure/index.js'
import { AZURE_RESOURCE_TYPES } from '../../model/index.js'
import type { Technique } from '../technique.js'
import type { AzureTechniqueContext } from './context.js'
import { detectArmCompute } from './shared.js'

/** Website Contributor deploys code to a web or function app (BloodHound AZWebsiteContributor). */
export const websiteContributor: Technique<AzureTechniqueContext> = {
  id: 'azure/website-contributor',
  provider: 'azure',
  edgeKind: 'CanControl',
  title: 'Website Contributor deploys code to a web or function app',
  gain: 'execute',
  requires: [{ action: 'Microsoft.Web/sites/write', on: 'resource' }],
  cost: 2,
  seeAlso: { bloodhound: 'AZWebsiteContributor' },
  text: {
    general: 'Website Contributor manages web and function apps (Microsoft.Web/sites/*): it can deploy code, open the Kudu console and read app settings, and the code can request the app managed identity token.',
    abuse: 'az webapp deploy …; or the Kudu console; then curl $IDENTITY_ENDPOINT.',
    opsec: 'The operation is recorded in the Azure activity log; what the code does inside the resource is not.',
    remediation: 'Keep privileged identities off apps with many contributors; use deployment slots with separate identities.',
    references: ['https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/web-and-mobile#website-contributor'],
  },
  detect: (ctx) => detectArmCompute(ctx, websiteContributor, { roleIds: [AZ_ROLE_IDS.websiteContributor], action: 'Microsoft.Web/sites/write', plane: 'control', types: [AZURE_RESOURCE_TYPES.AZWebApp], note: 'can deploy code to' }),
}
