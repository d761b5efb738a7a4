/**
 * @module techniques/azure/mg-add-secret
 * A service principal with Application.ReadWrite.All adds a credential to any
 * app or service principal (Application.ReadWrite.OwnedBy: only those it owns).
 */
import type { Technique } from '../technique.js'
import type { AzureTechniqueContext } from './context.js'
import { appRoleEvidence, credentialTargets, graphPermissionHolders, techniqueEdge } from './shared.js'

/** AZ-G03. */
export const mgAddSecret: Technique<AzureTechniqueContext> = {
  id: 'azure/mg-add-secret',
  provider: 'azure',
  edgeKind: 'CanEscalateTo',
  title: 'Graph Application.ReadWrite.All: add a secret to any application',
  gain: 'credentials',
  requires: [{ action: 'Microsoft Graph application permission Application.ReadWrite.All (1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9) or Application.ReadWrite.OwnedBy (owned objects)', on: 'app or service principal' }],
  cost: 2,
  seeAlso: { bloodhound: 'AZMGAddSecret' },
  text: {
    general: 'Application.ReadWrite.All lets an application add credentials to every app registration and service principal and so impersonate any of them; Application.ReadWrite.OwnedBy only to those the app owns.',
    abuse: 'POST /applications/{id}/addPassword with the SP\'s token.',
    opsec: 'Audited with the app as actor.',
    remediation: 'Replace with Application.ReadWrite.OwnedBy and make the app owner of only what it manages.',
    references: ['https://learn.microsoft.com/graph/permissions-reference#applicationreadwriteall'],
  },
  *detect(ctx) {
    const targets = credentialTargets(ctx)
    const ownersOf = new Map<string, Set<string>>()
    for (const app of ctx.inventory.apps) ownersOf.set(app.id.toLowerCase(), new Set(app.owners.map((o) => o.toLowerCase())))
    for (const sp of ctx.inventory.servicePrincipals) ownersOf.set(sp.id.toLowerCase(), new Set(sp.owners.map((o) => o.toLowerCase())))
    for (const h of graphPermissionHolders(ctx, ['add-secret-any', 'add-secret-owned'])) {
      for (const t of targets) {
        if (t.objectIds.includes(h.principalId)) continue
        if (h.spec.capability === 'add-secret-owned' && !t.objectIds.some((id) => ownersOf.get(id)?.has(h.principalId))) continue
        yield techniqueEdge(mgAddSecret, h.from, t.to, [appRoleEvidence(h, `can add a credential to ${t.name}`)])
      }
    }
  },
}
