/**
 * @module techniques/azure/owns
 * Owners of an app registration or service principal add credentials to it;
 * owners of a group (role-assignable ones included) add members to it.
 */
import type { Technique } from '../technique.js'
import type { AzureTechniqueContext } from './context.js'
import { isManagedIdentity, objectNode } from './context.js'
import { techniqueEdge } from './shared.js'

/** AZ-E08 / AZ-E12: ownership → control. */
export const owns: Technique<AzureTechniqueContext> = {
  id: 'azure/owns',
  provider: 'azure',
  edgeKind: 'CanEscalateTo',
  title: 'Owner of an application, service principal or group',
  gain: 'ownership',
  requires: [{ action: 'owner of the object', on: 'target' }],
  cost: 1,
  seeAlso: { bloodhound: 'AZOwns' },
  text: {
    general: 'An owner of an app registration or service principal can add a secret or certificate and authenticate as it. An owner of a group manages its membership — role-assignable groups included (only their owners, Privileged Role Administrators and Global Administrators can) — and so can join it and inherit its roles.',
    abuse: 'POST /applications/{id}/addPassword; or POST /groups/{id}/members/$ref.',
    opsec: 'Audited as an ordinary change by an owner; rarely alerted.',
    remediation: 'Remove owners from privileged apps and role-assignable groups, or make them tier-zero administrators.',
    references: ['https://learn.microsoft.com/entra/identity/role-based-access-control/groups-concept', 'https://learn.microsoft.com/graph/api/application-addpassword'],
  },
  *detect(ctx) {
    for (const app of ctx.inventory.apps) {
      for (const owner of app.owners) {
        yield techniqueEdge(owns, objectNode(owner), objectNode(app.id), [{ type: 'ownership', policy: app.id.toLowerCase(), policyName: app.displayName, action: 'microsoft.directory/applications/credentials/update', resource: app.appId, note: `owner of app registration ${app.displayName}: can add a credential` }])
      }
    }
    for (const sp of ctx.inventory.servicePrincipals) {
      // A managed identity takes no credentials; its Azure owner is the resource, not an Entra owner.
      if (isManagedIdentity(sp)) continue
      for (const owner of sp.owners) {
        yield techniqueEdge(owns, objectNode(owner), objectNode(sp.id), [{ type: 'ownership', policy: sp.id.toLowerCase(), policyName: sp.displayName, action: 'microsoft.directory/servicePrincipals/credentials/update', resource: sp.appId, note: `owner of service principal ${sp.displayName}: can add a credential` }])
      }
    }
    for (const group of ctx.inventory.groups) {
      // Dynamic groups compute their membership; an owner cannot add members by hand.
      if (group.membershipRule) continue
      for (const owner of group.owners) {
        if (owner.toLowerCase() === group.id.toLowerCase()) continue
        const note = group.isAssignableToRole ? `owner of role-assignable group ${group.displayName}: owners may manage its membership` : `owner of group ${group.displayName}: can add members`
        yield techniqueEdge(owns, objectNode(owner), objectNode(group.id), [{ type: 'ownership', policy: group.id.toLowerCase(), policyName: group.displayName, action: 'microsoft.directory/groups/members/update', resource: group.id.toLowerCase(), note }])
      }
    }
  },
}
