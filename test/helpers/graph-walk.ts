/**
 * @module test/helpers/graph-walk
 * Plain reachability over an edge list, independent of the path engine, so
 * derivation tests can check "this source reaches that node" without it.
 * Like the engine, it follows traversable edge kinds only (a role holding is
 * a fact about a role node, not a step).
 */
import type { GraphEdge } from '../../src/model/index.js'
import { EDGE_KINDS } from '../../src/model/index.js'

/** Every node reachable from `from` by following traversable edges forwards (including `from`). */
export function reachable(edges: readonly GraphEdge[], from: string): Set<string> {
  const seen = new Set([from])
  const queue = [from]
  while (queue.length > 0) {
    const cur = queue.shift() as string
    for (const e of edges) {
      if (e.from === cur && EDGE_KINDS[e.kind].traversable && !seen.has(e.to)) {
        seen.add(e.to)
        queue.push(e.to)
      }
    }
  }
  return seen
}
