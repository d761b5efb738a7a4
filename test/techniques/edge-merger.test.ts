import { describe, expect, it } from 'vitest'
import type { DataIssue, Evidence, GraphEdge, GraphNode, NonEmpty } from '../../src/model/index.js'
import { makeEdge, makeNode } from '../../src/model/index.js'
import { EdgeMerger } from '../../src/techniques/derive.js'

const evidence = (note: string): NonEmpty<Evidence> => [{ type: 'inventory', policy: 'p', statement: null, note }]
const MFA = [{ operator: 'Bool', key: 'aws:MultiFactorAuthPresent', values: ['true'], policy: 'p', statement: 0 }]

function nodesOf(...ids: string[]): Map<string, GraphNode> {
  return new Map(ids.map((id) => [id, makeNode({ id, kind: 'AWSRole', name: id, properties: { accountId: '111111111111' } })]))
}

function merged(edges: readonly GraphEdge[], nodes = nodesOf('a', 'b', 'c')): { kept: GraphEdge[]; issues: DataIssue[] } {
  const merger = new EdgeMerger()
  for (const edge of edges) merger.add(edge)
  const issues: DataIssue[] = []
  return { kept: merger.withEndpointsIn(nodes, issues), issues }
}

describe('EdgeMerger (deriveGraph)', () => {
  it('keeps one edge per (from, kind, technique, to), with both derivations as evidence and the unconditional one winning', () => {
    const conditional = makeEdge({ from: 'a', to: 'b', kind: 'CanAssume', technique: 't', evidence: evidence('first'), conditions: MFA })
    const plain = makeEdge({ from: 'a', to: 'b', kind: 'CanAssume', technique: 't', evidence: evidence('second') })
    const { kept } = merged([conditional, plain, plain])
    expect(kept).toHaveLength(1)
    expect(kept[0]?.conditional).toBe(false)
    expect(kept[0]?.evidence.map((e) => e.note)).toEqual(['first', 'second'])
  })

  it('keeps edges apart that differ in kind or technique, in first-derivation order', () => {
    const edges = [
      makeEdge({ from: 'a', to: 'b', kind: 'CanAssume', technique: 't1', evidence: evidence('1') }),
      makeEdge({ from: 'a', to: 'c', kind: 'CanAssume', technique: 't1', evidence: evidence('2') }),
      makeEdge({ from: 'a', to: 'b', kind: 'CanAssume', technique: 't2', evidence: evidence('3') }),
      makeEdge({ from: 'a', to: 'b', kind: 'CanEscalateTo', technique: 't1', evidence: evidence('4') }),
      makeEdge({ from: 'a', to: 'b', kind: 'CanAssume', technique: 't2', evidence: evidence('5') }),
      makeEdge({ from: 'a', to: 'b', kind: 'MemberOf', evidence: evidence('6') }),
    ]
    const { kept } = merged(edges)
    expect(kept.map((e) => e.id)).toEqual(['a|CanAssume|t1|b', 'a|CanAssume|t1|c', 'a|CanAssume|t2|b', 'a|CanEscalateTo|t1|b', 'a|MemberOf|-|b'])
    expect(kept[2]?.evidence.map((e) => e.note)).toEqual(['3', '5'])
  })

  it('keeps a source\'s second edge to the same target apart when its technique differs, and still merges into the first', () => {
    // (from, to, technique) of CanAssume edges, noted by their position.
    const spec: readonly [string, string, string][] = [['a', 'b', 't1'], ['a', 'b', 't2'], ['a', 'b', 't1'], ['b', 'c', 't1'], ['b', 'c', 't1']]
    const { kept } = merged(spec.map(([from, to, technique], i) => makeEdge({ from, to, kind: 'CanAssume', technique, evidence: evidence(String(i + 1)) })))
    expect(kept.map((e) => e.id)).toEqual(['a|CanAssume|t1|b', 'a|CanAssume|t2|b', 'b|CanAssume|t1|c'])
    expect(kept.map((e) => e.evidence.map((x) => x.note))).toEqual([['1', '3'], ['2'], ['4', '5']])
  })

  it('drops an edge whose endpoint is not a node and names that endpoint', () => {
    const edges = [
      makeEdge({ from: 'ghost', to: 'b', kind: 'CanAssume', evidence: evidence('x') }),
      makeEdge({ from: 'a', to: 'nowhere', kind: 'CanAssume', evidence: evidence('y') }),
      makeEdge({ from: 'a', to: 'b', kind: 'CanAssume', evidence: evidence('z') }),
    ]
    const { kept, issues } = merged(edges)
    expect(kept.map((e) => e.id)).toEqual(['a|CanAssume|-|b'])
    expect(issues.map((i) => i.message)).toEqual(['edge dropped: endpoint `ghost` is not in the inventory', 'edge dropped: endpoint `nowhere` is not in the inventory'])
  })
})
