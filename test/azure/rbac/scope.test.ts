import { describe, expect, it } from 'vitest'
import { buildScopeHierarchy, normaliseScope, scopeLevel } from '../../../src/azure/rbac/index.js'
import { azMg, azSub, azureInventory } from '../../helpers/azure-builders.js'

describe('scopes', () => {
  it('classifies scope levels in any case', () => {
    expect(scopeLevel('/')).toBe('root')
    expect(scopeLevel('/providers/Microsoft.Management/managementGroups/MG-1')).toBe('managementGroup')
    expect(scopeLevel('/subscriptions/S')).toBe('subscription')
    expect(scopeLevel('/SUBSCRIPTIONS/s/resourceGroups/rg/')).toBe('resourceGroup')
    expect(scopeLevel('/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv')).toBe('resource')
    expect(normaliseScope('/Subscriptions/ABC/')).toBe('/subscriptions/abc')
  })

  it('walks sub-resource → resource → RG → subscription → nested MGs → root', () => {
    const inv = azureInventory({
      managementGroups: [azMg({ id: '/providers/Microsoft.Management/managementGroups/root' }), azMg({ id: '/providers/Microsoft.Management/managementGroups/child', parentId: '/providers/Microsoft.Management/managementGroups/ROOT' })],
      subscriptions: [azSub({ id: '/subscriptions/s1', parentId: '/providers/Microsoft.Management/managementGroups/child' })],
    })
    const h = buildScopeHierarchy(inv)
    expect(h.ancestorsOf('/subscriptions/S1/resourceGroups/RG/providers/Microsoft.KeyVault/vaults/kv/secrets/one')).toEqual([
      '/subscriptions/s1/resourcegroups/rg/providers/microsoft.keyvault/vaults/kv/secrets/one',
      '/subscriptions/s1/resourcegroups/rg/providers/microsoft.keyvault/vaults/kv',
      '/subscriptions/s1/resourcegroups/rg',
      '/subscriptions/s1',
      '/providers/microsoft.management/managementgroups/child',
      '/providers/microsoft.management/managementgroups/root',
      '/',
    ])
    expect(h.isWithin('/subscriptions/s2', '/providers/microsoft.management/managementgroups/child')).toBe(false)
  })

  it('survives a parent cycle in bad data', () => {
    const a = '/providers/Microsoft.Management/managementGroups/a'
    const b = '/providers/Microsoft.Management/managementGroups/b'
    const h = buildScopeHierarchy(azureInventory({ managementGroups: [azMg({ id: a, parentId: b }), azMg({ id: b, parentId: a })] }))
    expect(h.ancestorsOf(a)).toEqual([a.toLowerCase(), b.toLowerCase(), '/'])
  })
})
