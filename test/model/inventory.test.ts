import { describe, expect, it } from 'vitest'
import type { AwsRole, InventoryPart } from '../../src/model/index.js'
import { emptyInventory, mergeInventory } from '../../src/model/index.js'

function role(name: string, note = ''): AwsRole {
  return { arn: `arn:aws:iam::111111111111:role/${name}`, name, path: note } as unknown as AwsRole
}

describe('mergeInventory', () => {
  it('concatenates sections and keeps the first record per identity', () => {
    const a: InventoryPart = { aws: { roles: [role('a', 'first'), role('b')] }, sources: [{ loader: 'x', location: '1.json', sha256: null, collectedAt: null }] }
    const b: InventoryPart = { aws: { roles: [role('a', 'second'), role('c')] }, sources: [{ loader: 'x', location: '2.json', sha256: null, collectedAt: null }] }
    const merged = mergeInventory(mergeInventory(emptyInventory(), a), b)
    expect(merged.aws.roles.map((r) => `${r.name}:${r.path}`)).toEqual(['a:first', 'b:', 'c:'])
    expect(merged.sources.map((s) => s.location)).toEqual(['1.json', '2.json'])
  })

  it('de-duplicates leaks by credential id and keeps every issue', () => {
    const leak = { credentialId: 'AKIA1', provider: 'aws' as const, locations: [] }
    const merged = mergeInventory(mergeInventory(emptyInventory(), { leaks: [leak], issues: [{ severity: 'warning', where: 'a', message: 'm' }] }), {
      leaks: [leak, { ...leak, credentialId: 'AKIA2' }],
      issues: [{ severity: 'warning', where: 'a', message: 'm' }],
    })
    expect(merged.leaks.map((l) => l.credentialId)).toEqual(['AKIA1', 'AKIA2'])
    expect(merged.issues).toHaveLength(2)
  })

  it('does not change its inputs', () => {
    const base = emptyInventory()
    const merged = mergeInventory(base, { aws: { roles: [role('a')] } })
    expect(base.aws.roles).toEqual([])
    expect(merged.aws.roles).toHaveLength(1)
    expect(merged.azure).toEqual(base.azure)
  })
})
