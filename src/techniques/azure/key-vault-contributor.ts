/**
 * @module techniques/azure/key-vault-contributor
 * Vault writers (Key Vault Contributor, Contributor) add themselves an access
 * policy on a vault that uses the access-policy permission model.
 */
import { azureArmId, AZURE_RESOURCE_TYPES } from '../../model/index.js'
import type { Technique } from '../technique.js'
import type { AzureTechniqueContext } from './context.js'
import { armEvidence, armGrants, armHolders, canAssignRoles, resourcesWithin, techniqueEdge } from './shared.js'

const VAULT_WRITE = 'Microsoft.KeyVault/vaults/write'

/** AZ-R10. */
export const keyVaultContributor: Technique<AzureTechniqueContext> = {
  id: 'azure/key-vault-contributor',
  provider: 'azure',
  edgeKind: 'CanAccess',
  title: 'Grant oneself a Key Vault access policy',
  gain: 'access',
  requires: [{ action: VAULT_WRITE, on: 'key vault (access-policy model)' }],
  cost: 2,
  seeAlso: { bloodhound: 'AZKeyVaultKVContributor' },
  text: {
    general: 'With enableRbacAuthorization=false the vault\'s data plane is governed by access policies, and anyone allowed Microsoft.KeyVault/vaults/write (Key Vault Contributor, Contributor) can add a policy granting itself every secret, key and certificate. With the RBAC model the same role cannot read data; whether it can switch the vault back is version-dependent, so that edge is drawn conditional on the permission-model change.',
    abuse: 'az keyvault set-policy -n <vault> --object-id <self> --secret-permissions get list',
    opsec: 'The vault write is in the activity log; secret reads are in the vault\'s diagnostic logs if enabled.',
    remediation: 'Move vaults to the RBAC permission model and limit who may write them.',
    references: ['https://learn.microsoft.com/azure/key-vault/general/rbac-access-policy', 'https://learn.microsoft.com/azure/key-vault/general/rbac-migration'],
  },
  *detect(ctx) {
    for (const g of armGrants(ctx, VAULT_WRITE)) {
      // Owner / UAA reach the vault through their AdminTo scope edge.
      if (canAssignRoles(ctx, g)) continue
      for (const vault of resourcesWithin(ctx, g.assignment.scope, [AZURE_RESOURCE_TYPES.AZKeyVault])) {
        const to = azureArmId(vault.id)
        const isRbacModel = vault.properties['enableRbacAuthorization'] === true
        const modelCondition = isRbacModel
          ? [{ operator: 'KeyVaultPermissionModel', key: 'azure:keyVaultPermissionModel', values: ['switch enableRbacAuthorization to false first'], policy: to }]
          : []
        for (const from of armHolders(ctx, g, VAULT_WRITE, to)) {
          yield techniqueEdge(
            keyVaultContributor,
            from,
            to,
            [armEvidence(g, VAULT_WRITE, isRbacModel ? `may write RBAC-model vault ${vault.name}; data access needs a permission-model change` : `may add itself an access policy on vault ${vault.name}`)],
            [...g.grant.conditions, ...modelCondition],
            ['Read', 'Write', 'Permissions management'],
          )
        }
      }
    }
  },
}
