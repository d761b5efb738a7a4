/**
 * @module techniques/azure/key-vault-get-certificates
 * Read Key Vault certificates.
 */
import type { Technique } from '../technique.js'
import type { AzureTechniqueContext } from './context.js'
import { detectKeyVaultData } from './shared.js'

/** AZ-R11 (certificates). */
export const keyVaultGetCertificates: Technique<AzureTechniqueContext> = {
  id: 'azure/key-vault-get-certificates',
  provider: 'azure',
  edgeKind: 'CanAccess',
  title: 'Read Key Vault certificates',
  gain: 'access',
  requires: [{ action: 'access policy certificates: get (or all) | RBAC data action Microsoft.KeyVault/vaults/certificates/read', on: 'key vault' }],
  cost: 1,
  seeAlso: { bloodhound: 'AZGetCertificates' },
  text: {
    general: 'Certificates Officer, Key Vault Administrator or an access policy with get/all on certificates reads certificates (the private key is served through the secret of the same name). Access policies count only on vaults without enableRbacAuthorization (Azure ignores them otherwise — BloodHound does not, and misses lower-case `get` and `all`); RBAC data roles count only on RBAC-model vaults.',
    abuse: 'az keyvault certificate show --vault-name <vault> --name <name>',
    opsec: 'Reads appear in the vault diagnostic logs when enabled.',
    remediation: 'Move the vault to the RBAC model and grant certificates read to the workloads that need them only.',
    references: ['https://learn.microsoft.com/azure/key-vault/general/rbac-guide', 'https://learn.microsoft.com/azure/key-vault/general/assign-access-policy'],
  },
  detect: (ctx) => detectKeyVaultData(ctx, keyVaultGetCertificates, { policyList: 'certificates', policyPermissions: ['get'], dataAction: 'Microsoft.KeyVault/vaults/certificates/read', what: 'certificates' }),
}
