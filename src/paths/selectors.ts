/**
 * @module paths/selectors
 * Selector grammar (ids, names, access key ids, named sets, `kind:`, `tag:`)
 * resolved over a list of nodes. The memory engine uses it directly; the
 * Cypher engine can use `parseSelector` to build its parameters.
 */
import type { GraphNode, NodeKind } from '../model/index.js'
import { CrownpathError, NODE_KINDS, canonicalNodeRef, isNodeKind } from '../model/index.js'
import type { NodeSelector, ResolvedSelector } from './types.js'
import { NODE_SETS } from './types.js'

/** A parsed selector. */
export type ParsedSelector =
  | { readonly type: 'exposed' }
  | { readonly type: 'tier0' }
  | { readonly type: 'crown-jewels' }
  | { readonly type: 'kind'; readonly kind: NodeKind }
  | { readonly type: 'tag'; readonly key: string; readonly value: string }
  | { readonly type: 'ref'; readonly ref: string }

const SET_LIST = [...NODE_SETS, 'kind:<Kind>', 'tag:<key>=<value>'].map((s) => `\`${s}\``).join(', ')

/** Parse a selector; unknown `kind:` or malformed `tag:` throw CP_ERR_NODE_SET_UNKNOWN. */
export function parseSelector(selector: NodeSelector): ParsedSelector {
  const text = selector.trim()
  if (text === '') throw new CrownpathError('CP_ERR_USAGE', { reason: 'empty node selector' })
  if (text === 'exposed' || text === 'tier0' || text === 'crown-jewels') return { type: text }
  if (text.startsWith('kind:')) {
    const kind = text.slice(5)
    if (!isNodeKind(kind)) throw new CrownpathError('CP_ERR_NODE_SET_UNKNOWN', { name: text, sets: SET_LIST })
    return { type: 'kind', kind }
  }
  if (text.startsWith('tag:')) {
    const body = text.slice(4)
    const eq = body.indexOf('=')
    if (eq <= 0) throw new CrownpathError('CP_ERR_NODE_SET_UNKNOWN', { name: text, sets: SET_LIST })
    return { type: 'tag', key: body.slice(0, eq), value: body.slice(eq + 1) }
  }
  return { type: 'ref', ref: text }
}

/** True when a node belongs to a named set. Tag keys compare case-insensitively (AWS and Azure tag keys differ in habit), values exactly. */
export function isInSet(node: GraphNode, parsed: Exclude<ParsedSelector, { type: 'ref' }>): boolean {
  switch (parsed.type) {
    case 'exposed':
      return node.isExposed
    case 'tier0':
      return node.isTierZero
    case 'crown-jewels':
      return NODE_KINDS[node.kind].role === 'resource' && (node.classification === 'restricted' || node.classification === 'confidential')
    case 'kind':
      return node.kind === parsed.kind
    case 'tag': {
      const key = parsed.key.toLowerCase()
      return Object.entries(node.tags).some(([k, v]) => k.toLowerCase() === key && v === parsed.value)
    }
  }
}

/** Lookups a resolver needs. */
export interface SelectorIndex {
  readonly hasNode: (id: string) => boolean
  readonly idsByName: (name: string) => readonly string[]
  readonly forEachNode: (fn: (node: GraphNode) => void) => void
}

/** Resolve a selector over an index: sets → members; otherwise id (any case for Entra/ARM), then unique name. */
export function resolveSelectorIn(index: SelectorIndex, selector: NodeSelector): ResolvedSelector {
  const parsed = parseSelector(selector)
  if (parsed.type !== 'ref') {
    const ids: string[] = []
    index.forEachNode((node) => {
      if (isInSet(node, parsed)) ids.push(node.id)
    })
    return { selector, ids: ids.sort(), match: 'set' }
  }
  for (const candidate of canonicalNodeRef(parsed.ref)) {
    if (index.hasNode(candidate)) return { selector, ids: [candidate], match: 'id' }
  }
  const named = index.idsByName(parsed.ref)
  if (named.length === 1) return { selector, ids: [named[0]!], match: 'name' }
  if (named.length > 1) throw new CrownpathError('CP_ERR_NODE_AMBIGUOUS', { name: parsed.ref, count: named.length })
  throw new CrownpathError('CP_ERR_NODE_NOT_FOUND', { id: parsed.ref })
}
