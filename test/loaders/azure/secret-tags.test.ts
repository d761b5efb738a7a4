/**
 * A tag whose name marks secret material (`token`, `password`) is dropped with
 * a warning where Azure loaders finish, as the AWS loader does: one stray tag
 * must cost a warning, not the whole ingest (the snapshot's secrets guard would
 * otherwise refuse the inventory).
 */
import { describe, expect, it } from 'vitest'
import { transformAzureHound } from '../../../loaders/azure/index.js'
import type { AzureHoundDocument } from '../../../loaders/azure/index.js'
import type { AzureInventory } from '../../../src/model/index.js'
import { assertNoSecrets } from '../../../src/model/index.js'

const SUB = '11111111-2222-4333-8444-555555555555'
const RG = `/subscriptions/${SUB}/resourceGroups/rg-prod`

function load(tags: Record<string, string>) {
  const doc: AzureHoundDocument = {
    file: 'dump.json',
    format: 'json',
    source: 'dump.json',
    content: { meta: { type: 'azure', version: 5 }, data: [{ kind: 'AZResourceGroup', data: { id: RG, name: 'rg-prod', tags } }] },
  } as unknown as AzureHoundDocument
  const part = transformAzureHound([doc])
  return { azure: part.azure as AzureInventory, issues: [...(part.issues ?? [])] }
}

describe('Azure tags named like secrets', () => {
  it('are dropped with a warning naming the resource group, other tags kept', () => {
    const { azure, issues } = load({ token: 'abc', owner: 'team-a' })
    expect(azure.resourceGroups[0]?.tags).toEqual({ owner: 'team-a' })
    expect(issues).toContainEqual(expect.objectContaining({ severity: 'warning', where: RG.toLowerCase(), message: expect.stringContaining('tag `token` dropped') }))
    expect(() => assertNoSecrets(azure, '$.inventory.azure')).not.toThrow()
  })

  it('leave ordinary tags alone (negative)', () => {
    const { azure, issues } = load({ owner: 'team-a', DataClassification: 'restricted' })
    expect(azure.resourceGroups[0]?.tags).toEqual({ owner: 'team-a', DataClassification: 'restricted' })
    expect(issues.filter((i) => i.message.includes('dropped'))).toEqual([])
  })
})
