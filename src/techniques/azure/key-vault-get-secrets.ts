/**
 * @module techniques/azure/key-vault-get-secrets
 * Read Key Vault secrets.
 */
import type { Technique } from '../technique.js'
import type { AzureTechniqueContext } from './context.js'
import { detectKeyVaultData } from './shared.js'

/** AZ-R11 (secrets). */
export const keyVaultGetSecrets: Technique<AzureTechniqueContext> = {
  id: 'azure/key-vault-get-secrets',
  provider: 'azure',
  edgeKind: 'CanAccess',
  title: 'Read Key Vault secrets',
  gain: 'access',
  requires: [{ action: 'access policy secrets: get (or all) | RBAC data action Microsoft.KeyVault/vaults/secrets/getSecret/action', on: 'key vault' }],
  cost: 1,
  seeAlso: { bloodhound: 'AZGetSecrets' },
  text: {
    general: 'Secrets User/Officer, Key Vault Administrator or an access policy with get/all on secrets returns secret values. Access policies count only on vaults without enableRbacAuthorization (Azure ignores them otherwise — BloodHound does not, and misses lower-case `get` and `all`); RBAC data roles count only on RBAC-model vaults.',
    abuse: 'az keyvault secret show --vault-name <vault> --name <name>',
    opsec: 'Reads appear in the vault diagnostic logs when enabled.',
    remediation: 'Move the vault to the RBAC model and grant secrets read to the workloads that need them only.',
    references: ['https://learn.microsoft.com/azure/key-vault/general/rbac-guide', 'https://learn.microsoft.com/azure/key-vault/general/assign-access-policy'],
  },
  detect: (ctx) => detectKeyVaultData(ctx, keyVaultGetSecrets, { policyList: 'secrets', policyPermissions: ['get'], dataAction: 'Microsoft.KeyVault/vaults/secrets/getSecret/action', what: 'secrets' }),
}
