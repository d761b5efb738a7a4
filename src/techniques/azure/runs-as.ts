/**
 * @module techniques/azure/runs-as
 * An app registration's credentials sign in as its service principal.
 */
import type { Technique } from '../technique.js'
import type { AzureTechniqueContext } from './context.js'
import { objectNode } from './context.js'
import { techniqueEdge } from './shared.js'

/** AZRunsAs: app → SP of the same appId. */
export const runsAs: Technique<AzureTechniqueContext> = {
  id: 'azure/runs-as',
  provider: 'azure',
  edgeKind: 'AuthenticatesAs',
  title: 'An application authenticates as its service principal',
  gain: 'assume',
  requires: [{ action: 'appId of the app equals appId of the service principal', on: 'service principal' }],
  cost: 0,
  seeAlso: { bloodhound: 'AZRunsAs' },
  text: {
    general: 'A client secret, certificate or federated credential of an app registration obtains tokens for the app\'s service principal in this tenant, which holds the role and permission assignments.',
    abuse: 'az login --service-principal -u <appId> -p <secret> --tenant <tenant>',
    opsec: 'Service principal sign-ins are logged separately from user sign-ins.',
    remediation: 'Protect the app registration (owners, credentials) as strongly as the service principal\'s access.',
    references: ['https://learn.microsoft.com/entra/identity-platform/app-objects-and-service-principals'],
  },
  *detect(ctx) {
    for (const app of ctx.inventory.apps) {
      const sp = ctx.index.servicePrincipalsByAppId.get(app.appId.toLowerCase())
      if (!sp) continue
      yield techniqueEdge(runsAs, objectNode(app.id), objectNode(sp.id), [{ type: 'inventory', policy: app.id.toLowerCase(), policyName: app.displayName, resource: app.appId.toLowerCase(), note: `app registration ${app.displayName} (appId ${app.appId}) signs in as its service principal` }])
    }
  },
}
