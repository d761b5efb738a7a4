/**
 * @module techniques/azure/contributor
 * Contributor (broad control without role assignment writes) controls the
 * compute and configuration of everything in its scope.
 */
import type { AzResource } from '../../model/index.js'
import { azureArmId, AZURE_RESOURCE_TYPES } from '../../model/index.js'
import type { Technique } from '../technique.js'
import type { AzureTechniqueContext } from './context.js'
import { armEvidence, armGrants, armHolders, BROAD_CONTROL_PROBES, canAssignRoles, isBroadControl, resourcesWithin, techniqueEdge } from './shared.js'

const PROBE = BROAD_CONTROL_PROBES[0] as string

/**
 * Resources where control of the configuration yields an identity or data:
 * anything with a managed identity (run code → token), storage accounts whose
 * keys still work, container registries (push an image others run). Key
 * vaults are azure/key-vault-contributor's. Everything else under the scope
 * gives nothing an attacker can move on from, so no edge is drawn to it.
 */
function isWorthControlling(r: AzResource): boolean {
  if (r.identities.length > 0) return true
  const type = r.type.toLowerCase()
  if (type === AZURE_RESOURCE_TYPES.AZStorageAccount.toLowerCase()) return r.properties['allowSharedKeyAccess'] !== false
  return type === AZURE_RESOURCE_TYPES.AZContainerRegistry.toLowerCase()
}

/** AZ-R02 / AZ-R04 / AZ-R05 (Contributor). */
export const contributor: Technique<AzureTechniqueContext> = {
  id: 'azure/contributor',
  provider: 'azure',
  edgeKind: 'CanControl',
  title: 'Contributor of an Azure scope',
  gain: 'execute',
  requires: [{ action: `${BROAD_CONTROL_PROBES.join(', ')}`, on: 'scope' }],
  cost: 2,
  seeAlso: { bloodhound: 'AZContributor' },
  text: {
    general: 'Contributor is `*` minus Microsoft.Authorization writes: it cannot assign roles, so it is NOT admin of the scope (no edge to the tier-zero scope node), but it runs commands on VMs, deploys code to web and function apps, edits runbooks and logic apps (all yielding their managed identities\' tokens), lists storage keys and pushes images. crownpath draws one CanControl edge to each resource in the scope that yields an identity or data (RunsAs continues from there); Key Vault access-policy takeover is azure/key-vault-contributor.',
    abuse: 'az vm run-command invoke …; curl IMDS for a managed identity token.',
    opsec: 'Run commands and deployments are in the activity log; command output is not.',
    remediation: 'Grant Contributor at the narrowest scope; keep privileged managed identities out of scopes with broad Contributor.',
    references: ['https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/general#contributor'],
  },
  *detect(ctx) {
    if (!ctx.inventory.resources.some(isWorthControlling)) return
    for (const g of armGrants(ctx, PROBE)) {
      if (!isBroadControl(ctx, g) || canAssignRoles(ctx, g)) continue
      for (const r of resourcesWithin(ctx, g.assignment.scope, null)) {
        if (!isWorthControlling(r)) continue
        const to = azureArmId(r.id)
        for (const from of armHolders(ctx, g, PROBE, to)) {
          yield techniqueEdge(contributor, from, to, [armEvidence(g, PROBE, `controls ${r.name} (${r.type}) in ${g.assignment.scope}`)], g.grant.conditions)
        }
      }
    }
  },
}
