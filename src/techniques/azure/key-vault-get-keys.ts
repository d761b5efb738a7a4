/**
 * @module techniques/azure/key-vault-get-keys
 * Use Key Vault keys.
 */
import type { Technique } from '../technique.js'
import type { AzureTechniqueContext } from './context.js'
import { detectKeyVaultData } from './shared.js'

/** AZ-R11 (keys). */
export const keyVaultGetKeys: Technique<AzureTechniqueContext> = {
  id: 'azure/key-vault-get-keys',
  provider: 'azure',
  edgeKind: 'CanAccess',
  title: 'Use Key Vault keys',
  gain: 'access',
  requires: [{ action: 'access policy keys: get, decrypt, unwrapKey, sign (or all) | RBAC data action Microsoft.KeyVault/vaults/keys/decrypt/action', on: 'key vault' }],
  cost: 1,
  seeAlso: { bloodhound: 'AZGetKeys' },
  text: {
    general: 'Crypto Officer/User, Key Vault Administrator or an access policy with get/decrypt/unwrapKey/sign/all on keys uses the keys (private key material never leaves the vault, but decrypt and sign do). Access policies count only on vaults without enableRbacAuthorization (Azure ignores them otherwise — BloodHound does not, and misses lower-case `get` and `all`); RBAC data roles count only on RBAC-model vaults.',
    abuse: 'az keyvault key show --vault-name <vault> --name <name>',
    opsec: 'Reads appear in the vault diagnostic logs when enabled.',
    remediation: 'Move the vault to the RBAC model and grant keys read to the workloads that need them only.',
    references: ['https://learn.microsoft.com/azure/key-vault/general/rbac-guide', 'https://learn.microsoft.com/azure/key-vault/general/assign-access-policy'],
  },
  detect: (ctx) => detectKeyVaultData(ctx, keyVaultGetKeys, { policyList: 'keys', policyPermissions: ['get', 'decrypt', 'unwrapkey', 'sign'], dataAction: 'Microsoft.KeyVault/vaults/keys/decrypt/action', what: 'keys' }),
}
