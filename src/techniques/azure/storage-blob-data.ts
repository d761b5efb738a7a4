/**
 * @module techniques/azure/storage-blob-data
 * Read blob data in a storage account: a blob data role, or the account keys.
 */
import { azureArmId, AZURE_RESOURCE_TYPES } from '../../model/index.js'
import type { EdgeInput } from '../../model/index.js'
import type { Technique } from '../technique.js'
import type { AzureTechniqueContext } from './context.js'
import { armEvidence, armGrants, armHolders, canAssignRoles, isBroadControl, resourcesWithin, techniqueEdge } from './shared.js'

const BLOB_READ = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'
const LIST_KEYS = 'Microsoft.Storage/storageAccounts/listKeys/action'

/** AZ-R13. */
export const storageBlobData: Technique<AzureTechniqueContext> = {
  id: 'azure/storage-blob-data',
  provider: 'azure',
  edgeKind: 'CanAccess',
  title: 'Read blobs in a storage account',
  gain: 'access',
  requires: [{ action: `${BLOB_READ} (data) | ${LIST_KEYS}`, on: 'storage account' }],
  cost: 1,
  seeAlso: { azureTiering: 'Storage Blob Data Reader / Storage Account Contributor' },
  text: {
    general: 'Storage Blob Data Reader/Contributor/Owner read blobs through Entra authorisation (an ABAC condition narrows it, making the edge conditional); any role with listKeys (Storage Account Contributor, Virtual Machine Contributor, …) obtains the account keys and with them all data, unless shared-key access is disabled. Owner and Contributor reach the account through their scope edges.',
    abuse: 'az storage blob download --account-name <acct> --auth-mode login …; or az storage account keys list.',
    opsec: 'listKeys is in the activity log; blob reads only in storage diagnostic logs.',
    remediation: 'Disable shared-key access (allowSharedKeyAccess=false); grant blob data roles per container with conditions.',
    references: ['https://learn.microsoft.com/azure/storage/blobs/authorize-access-azure-active-directory', 'https://learn.microsoft.com/azure/storage/common/shared-key-authorization-prevent'],
  },
  *detect(ctx): Generator<EdgeInput> {
    const types = [AZURE_RESOURCE_TYPES.AZStorageAccount]
    for (const g of armGrants(ctx, BLOB_READ, 'data')) {
      for (const acct of resourcesWithin(ctx, g.assignment.scope, types)) {
        const to = azureArmId(acct.id)
        for (const from of armHolders(ctx, g, BLOB_READ, to, 'data')) {
          yield techniqueEdge(storageBlobData, from, to, [armEvidence(g, BLOB_READ, `may read blobs in ${acct.name}`)], g.grant.conditions, ['Read'])
        }
      }
    }
    for (const g of armGrants(ctx, LIST_KEYS)) {
      if (isBroadControl(ctx, g) || canAssignRoles(ctx, g)) continue
      for (const acct of resourcesWithin(ctx, g.assignment.scope, types)) {
        // With shared-key access disabled the keys open nothing.
        if (acct.properties['allowSharedKeyAccess'] === false) continue
        const to = azureArmId(acct.id)
        for (const from of armHolders(ctx, g, LIST_KEYS, to)) {
          yield techniqueEdge(storageBlobData, from, to, [armEvidence(g, LIST_KEYS, `may list the account keys of ${acct.name} (full data access)`)], g.grant.conditions, ['Read', 'Write'])
        }
      }
    }
  },
}
