/**
 * @module paths/algorithms/role-holders
 * "Who holds role X": the principals with a holding edge (HOLDING_EDGES, e.g.
 * HasRole / EligibleForRole) into a role node, plus the members of holder
 * groups, each with the assignment as evidence. Provider-agnostic: it knows
 * role nodes by their kind's role (`role`), holding edges by the kinds table,
 * membership by MemberOf and scopes by Contains. Pure, over the in-memory snapshot graph.
 */
import type { CrownpathGraph } from '../../graph/index.js'
import type { ConditionRef, GraphEdge, GraphNode, RoleHoldingStatus } from '../../model/index.js'
import { CrownpathError, HOLDING_EDGES, NODE_KINDS, ROLE_KINDS, canonicalNodeRef } from '../../model/index.js'
import { checkBound } from '../bounds.js'
import type { PathHop, RoleHolder, RoleHolding, RoleHoldersQuery, RoleHoldersResult, RoleRef } from '../types.js'
import { DEFAULT_BOUNDS } from '../types.js'
import { toHop } from './common.js'
import { compareStrings } from './shortest.js'

const ROLE_KIND_SET = new Set<string>(ROLE_KINDS)

/** Check a query's arguments (both engines): a non-empty role, a known status, the limit bound. Returns the limit. */
export function checkRoleHoldersQuery(query: RoleHoldersQuery): number {
  if (typeof query.role !== 'string' || query.role.trim() === '') throw new CrownpathError('CP_ERR_USAGE', { reason: 'a role name or id is required' })
  if (query.status !== undefined && query.status !== 'active' && query.status !== 'eligible') {
    throw new CrownpathError('CP_ERR_USAGE', { reason: `unknown holding status \`${String(query.status)}\`: expected active or eligible` })
  }
  return checkBound('limit', query.limit, DEFAULT_BOUNDS.roleHoldersLimit, DEFAULT_BOUNDS.maxLimit)
}

/**
 * The role nodes a reference names: a node id (in any of its canonical
 * spellings), the node's `roleId` (the last segment of a path-like reference
 * counts, so a full role definition id matches its GUID), or its name,
 * case-insensitively. Sorted by id.
 */
export function matchRoleNodes(candidates: Iterable<GraphNode>, ref: string): GraphNode[] {
  const text = ref.trim()
  const ids = new Set(canonicalNodeRef(text))
  const lower = text.toLowerCase()
  const lastSegment = lower.includes('/') ? lower.slice(lower.lastIndexOf('/') + 1) : lower
  const out: GraphNode[] = []
  for (const node of candidates) {
    if (!ROLE_KIND_SET.has(node.kind)) continue
    const roleId = typeof node.properties['roleId'] === 'string' ? node.properties['roleId'].toLowerCase() : null
    if (ids.has(node.id) || (roleId !== null && (roleId === lower || roleId === lastSegment)) || node.name.toLowerCase() === lower) out.push(node)
  }
  return out.sort((a, b) => compareStrings(a.id, b.id))
}

/** A role node as the answer names it. */
function toRoleRef(node: GraphNode): RoleRef {
  const roleId = node.properties['roleId']
  return { id: node.id, kind: node.kind, name: node.name, provider: node.provider, account: node.account, roleId: typeof roleId === 'string' ? roleId : null }
}

/** Input of {@link computeRoleHolders}. */
export interface RoleHoldersSpec {
  /**
   * A graph holding at least: the role nodes, every holding edge into them,
   * the MemberOf edges into holder groups (transitively), the scope nodes with
   * their Contains ancestors, and each assignment-scope node with the
   * Contains edges entering it. The memory engine passes the whole snapshot.
   */
  readonly graph: CrownpathGraph
  readonly roles: readonly string[]
  /** Resolved scope node ids, or null for no scope filter. */
  readonly scopes: readonly string[] | null
  readonly status?: RoleHoldingStatus
  readonly limit: number
  /** The query's `role` text, echoed in the answer. */
  readonly query: string
}

/** Containers of a node, transitively (Contains edges walked backwards), the node included. */
function containersOf(graph: CrownpathGraph, start: string): Set<string> {
  const seen = new Set([start])
  const work = [start]
  while (work.length > 0) {
    const node = work.pop()!
    if (!graph.hasNode(node)) continue
    graph.forEachInEdge(node, (_k, edge, from) => {
      if (edge.kind === 'Contains' && !seen.has(from)) {
        seen.add(from)
        work.push(from)
      }
    })
  }
  return seen
}

/**
 * Whether a holding at scope node `scope` applies at one of the query scopes:
 * the assignment scope is a query scope or contains it, or it is a root scope
 * (a scope node nothing contains) of the same account. The last rule is how a
 * tenant-wide directory role covers the tenant's users, groups and apps,
 * which hang off no Contains edge; an AWS account node covers its account the same way.
 */
function makeScopeTest(graph: CrownpathGraph, scopes: readonly string[] | null): (scope: string | null) => boolean {
  if (scopes === null) return () => true
  const covering = new Set<string>()
  const accounts = new Set<string>()
  for (const s of scopes) {
    for (const c of containersOf(graph, s)) covering.add(c)
    const account = graph.hasNode(s) ? graph.getNodeAttributes(s).account : null
    if (account !== null) accounts.add(account)
  }
  const isRootOfAccount = (scope: string): boolean => {
    if (!graph.hasNode(scope)) return false
    const node = graph.getNodeAttributes(scope)
    if (NODE_KINDS[node.kind].role !== 'scope' || node.account === null || !accounts.has(node.account)) return false
    let isContained = false
    graph.forEachInEdge(scope, (_k, edge) => {
      if (edge.kind === 'Contains') isContained = true
    })
    return !isContained
  }
  // Many assignments share a scope (a subscription, the tenant root): each is examined once.
  const verdicts = new Map<string, boolean>()
  return (scope) => {
    if (scope === null) return false
    if (covering.has(scope)) return true
    let verdict = verdicts.get(scope)
    if (verdict === undefined) {
      verdict = isRootOfAccount(scope)
      verdicts.set(scope, verdict)
    }
    return verdict
  }
}

/** MemberOf edges entering a group, sorted by edge id (the tie rule of every query). */
function memberEdgesOf(graph: CrownpathGraph, group: string): GraphEdge[] {
  const out: GraphEdge[] = []
  graph.forEachInEdge(group, (_k, edge) => {
    if (edge.kind === 'MemberOf') out.push(edge)
  })
  return out.sort((a, b) => compareStrings(a.id, b.id))
}

/**
 * Every principal holding one of the roles. For each holding edge into a
 * role and each assignment (evidence item) on it that passes the scope and
 * status filters: the assignee holds it, and so do the members of an
 * assignee group — direct members only, unless the role node says
 * `isHeldThroughNestedGroups` (then breadth-first through nested groups; the
 * first, shortest chain is reported, ties broken by edge id). Only nodes whose
 * kind is a principal are listed (a device in a group holds nothing).
 */
export function computeRoleHolders(spec: RoleHoldersSpec): RoleHoldersResult {
  const { graph } = spec
  const covers = makeScopeTest(graph, spec.scopes)
  const byHolder = new Map<string, RoleHolding[]>()
  const add = (holder: string, holding: RoleHolding): void => {
    if (!graph.hasNode(holder) || NODE_KINDS[graph.getNodeAttributes(holder).kind].role !== 'principal') return
    const list = byHolder.get(holder)
    if (list) list.push(holding)
    else byHolder.set(holder, [holding])
  }
  const roles: RoleRef[] = []
  for (const roleId of [...spec.roles].sort(compareStrings)) {
    if (!graph.hasNode(roleId)) continue
    const role = graph.getNodeAttributes(roleId)
    roles.push(toRoleRef(role))
    const isNested = role.properties['isHeldThroughNestedGroups'] === true
    const holdingEdges: GraphEdge[] = []
    graph.forEachInEdge(roleId, (_k, edge) => {
      if (HOLDING_EDGES[edge.kind] !== undefined) holdingEdges.push(edge)
    })
    holdingEdges.sort((a, b) => compareStrings(a.id, b.id))
    for (const edge of holdingEdges) {
      const status = HOLDING_EDGES[edge.kind]!
      if (spec.status !== undefined && spec.status !== status) continue
      const applying = edge.evidence.filter((evidence) => covers(evidence.resource ?? null))
      // No assignment on this edge applies at the query's scopes: its members need not be walked.
      if (applying.length === 0) continue
      // Members of the assignee, breadth-first: [member, chain of MemberOf edges up to the assignee].
      const members: { id: string; chain: GraphEdge[] }[] = []
      const seen = new Set([edge.from])
      let frontier: { id: string; chain: GraphEdge[] }[] = [{ id: edge.from, chain: [] }]
      while (frontier.length > 0) {
        const next: typeof frontier = []
        for (const { id, chain } of frontier) {
          if (chain.length > 0 && !isNested) continue
          for (const m of memberEdgesOf(graph, id)) {
            if (seen.has(m.from)) continue
            seen.add(m.from)
            const entry = { id: m.from, chain: [m, ...chain] }
            members.push(entry)
            next.push(entry)
          }
        }
        frontier = next
      }
      for (const evidence of applying) {
        const scope = evidence.resource ?? null
        const own = edge.conditions.filter((c) => c.policy === evidence.policy)
        const base = { role: roleId, roleName: role.name, status, scope, assignee: edge.from, evidence }
        add(edge.from, { ...base, via: [], membership: [], conditions: own, isConditional: own.length > 0 })
        for (const { id, chain } of members) {
          const membership: PathHop[] = chain.map(toHop)
          const conditions: ConditionRef[] = [...own, ...chain.flatMap((e) => e.conditions)]
          add(id, { ...base, via: chain.map((e) => e.to), membership, conditions, isConditional: conditions.length > 0 })
        }
      }
    }
  }
  const holders: RoleHolder[] = [...byHolder.entries()]
    .sort((a, b) => compareStrings(a[0], b[0]))
    .map(([id, holdings]) => {
      const node = graph.getNodeAttributes(id)
      const sorted = holdings.sort(
        (a, b) =>
          compareStrings(a.role, b.role) ||
          a.via.length - b.via.length ||
          compareStrings(a.assignee, b.assignee) ||
          compareStrings(a.evidence.policy, b.evidence.policy) ||
          compareStrings(a.scope ?? '', b.scope ?? ''),
      )
      return { id, kind: node.kind, name: node.name, status: sorted.some((h) => h.status === 'active') ? 'active' : 'eligible', holdings: sorted }
    })
  return {
    role: spec.query,
    roles,
    scope: spec.scopes === null ? null : [...spec.scopes],
    holders: holders.slice(0, spec.limit),
    total: holders.length,
    truncated: holders.length > spec.limit,
  }
}
