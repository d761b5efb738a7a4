/**
 * @module test/graph/memory/sample
 * Small hand-made snapshots for the store tests (ids follow test/fixtures' scheme).
 */
import type { GraphEdge, GraphNode, Inventory } from '../../../src/model/index.js'
import { emptyInventory, makeEdge, makeNode } from '../../../src/model/index.js'
import type { SnapshotInput } from '../../../src/graph/index.js'

const ACCOUNT = '111111111111'

/** `count` roles chained by CanAssume edges, plus the account node. */
export function sampleSnapshot(count: number, label = 'sample', createdAt = new Date('2026-11-27T10:00:00.000Z')): SnapshotInput {
  const nodes: GraphNode[] = [makeNode({ id: `arn:aws:iam::${ACCOUNT}:root`, kind: 'AWSAccount', name: ACCOUNT, account: ACCOUNT, properties: { accountId: ACCOUNT } })]
  const edges: GraphEdge[] = []
  for (let i = 0; i < count; i += 1) {
    const id = `arn:aws:iam::${ACCOUNT}:role/role-${i}`
    nodes.push(makeNode({ id, kind: 'AWSRole', name: `role-${i}`, account: ACCOUNT, properties: { accountId: ACCOUNT } }))
    if (i > 0) {
      edges.push(
        makeEdge({
          from: `arn:aws:iam::${ACCOUNT}:role/role-${i - 1}`,
          to: id,
          kind: 'CanAssume',
          technique: 'aws/sts-assume-role',
          evidence: [{ type: 'trust-policy', policy: `${id}#trust`, statement: 0, action: 'sts:AssumeRole' }],
          conditions: i % 3 === 0 ? [{ operator: 'Bool', key: 'aws:MultiFactorAuthPresent', values: ['true'], policy: `${id}#trust`, statement: 0 }] : [],
        }),
      )
    }
  }
  const inventory: Inventory = {
    ...emptyInventory(),
    sources: [{ loader: 'test', location: `sample-${label}.json`, sha256: null, collectedAt: null }],
  }
  return { label, nodes, edges, inventory, issues: [{ severity: 'warning', where: 'sample', message: 'a sample issue' }], createdAt }
}
