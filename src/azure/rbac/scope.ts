/**
 * @module azure/rbac/scope
 * ARM scopes and their inheritance chain: root `/` → management groups
 * (nested, via each group's parent) → subscription → resource group →
 * resource → sub-resource. Assignments made at a scope apply to every scope
 * below it and cannot be blocked by a child.
 * https://learn.microsoft.com/azure/role-based-access-control/scope-overview
 */
import type { AzureInventory } from '../../model/index.js'

/** What level of the ARM hierarchy a scope is. */
export type ScopeLevel = 'root' | 'managementGroup' | 'subscription' | 'resourceGroup' | 'resource'

/** ARM ids are case-insensitive: compare them lower-cased, without a trailing slash. */
export function normaliseScope(scope: string): string {
  const lower = scope.trim().toLowerCase()
  if (lower === '' || lower === '/') return '/'
  return lower.endsWith('/') ? lower.slice(0, -1) : lower
}

/** The level of an ARM scope, from its shape. */
export function scopeLevel(scope: string): ScopeLevel {
  const s = normaliseScope(scope)
  if (s === '/') return 'root'
  if (/^\/providers\/microsoft\.management\/managementgroups\/[^/]+$/.test(s)) return 'managementGroup'
  if (/^\/subscriptions\/[^/]+$/.test(s)) return 'subscription'
  if (/^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+$/.test(s)) return 'resourceGroup'
  return 'resource'
}

/** The subscription GUID inside a scope (`/subscriptions/<guid>/…`), or null. */
export function subscriptionOf(scope: string): string | null {
  const m = /^\/subscriptions\/([^/]+)/.exec(normaliseScope(scope))
  return m?.[1] ?? null
}

/** The resource group scope containing a scope, or null above resource-group level. */
export function resourceGroupOf(scope: string): string | null {
  const m = /^(\/subscriptions\/[^/]+\/resourcegroups\/[^/]+)/.exec(normaliseScope(scope))
  return m?.[1] ?? null
}

/**
 * The parent of a resource scope by its id alone: a nested resource
 * (`…/vaults/v/secrets/s`) has the enclosing resource as parent, a top-level
 * resource (`…/providers/<ns>/<type>/<name>`) its resource group.
 */
function parentOfResource(scope: string): string | null {
  const rg = resourceGroupOf(scope)
  if (!rg) return null
  const rest = scope.slice(rg.length).split('/').filter(Boolean)
  // rest = ['providers', ns, type, name, (childType, childName)*]
  if (rest[0] !== 'providers' || rest.length <= 4) return rg
  return `${rg}/${rest.slice(0, rest.length - 2).join('/')}`
}

/** The scope hierarchy of one inventory: parents of management groups and subscriptions come from the data. */
export interface ScopeHierarchy {
  /** The scope directly above `scope`, or null for `/`. */
  parentOf(scope: string): string | null
  /** `scope` itself, then every scope above it up to `/`, nearest first. */
  ancestorsOf(scope: string): readonly string[]
  /** True when `inner` is `outer` or lies below it. */
  isWithin(inner: string, outer: string): boolean
}

/** Build the hierarchy for an inventory. Unknown parents fall back to `/` (tenant root). */
export function buildScopeHierarchy(inventory: Pick<AzureInventory, 'managementGroups' | 'subscriptions'>): ScopeHierarchy {
  const parents = new Map<string, string | null>()
  for (const mg of inventory.managementGroups) {
    parents.set(normaliseScope(mg.id), mg.parentId ? normaliseScope(mg.parentId) : '/')
  }
  for (const sub of inventory.subscriptions) {
    parents.set(normaliseScope(sub.id), sub.parentId ? normaliseScope(sub.parentId) : '/')
  }
  const cache = new Map<string, readonly string[]>()
  const parentOf = (scope: string): string | null => {
    const s = normaliseScope(scope)
    if (s === '/') return null
    const known = parents.get(s)
    if (known !== undefined) return known === s ? '/' : known
    switch (scopeLevel(s)) {
      case 'managementGroup':
      case 'subscription':
        return '/'
      case 'resourceGroup':
        return `/subscriptions/${subscriptionOf(s) ?? ''}`
      case 'resource':
        return parentOfResource(s) ?? '/'
      case 'root':
        return null
    }
  }
  const ancestorsOf = (scope: string): readonly string[] => {
    const s = normaliseScope(scope)
    const hit = cache.get(s)
    if (hit) return hit
    const chain: string[] = []
    const seen = new Set<string>()
    let current: string | null = s
    // The seen-set guards against a cyclic parent chain in bad data.
    while (current !== null && !seen.has(current)) {
      chain.push(current)
      seen.add(current)
      current = parentOf(current)
    }
    if (!seen.has('/')) chain.push('/')
    cache.set(s, chain)
    return chain
  }
  return {
    parentOf,
    ancestorsOf,
    isWithin: (inner, outer) => ancestorsOf(inner).includes(normaliseScope(outer)),
  }
}
