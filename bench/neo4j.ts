/**
 * @module bench/neo4j
 * The Neo4j row of the benchmark: write one snapshot to Neo4j (UNWIND
 * batches), then time the Cypher engine's queries on it, seeded like the
 * memory row so both rows ask the same questions. The bench runner calls
 * {@link benchNeo4j} with the snapshot it already derived for the memory
 * store; run directly (`npx tsx bench/neo4j.ts [principals]`) it benches a
 * seeded synthetic snapshot. Needs NEO4J_URI (scripts/neo4j-local.sh start).
 */
import { performance } from 'node:perf_hooks'
import type { SnapshotInput } from '../src/graph/index.js'
import { openNeo4jStore } from '../src/graph/index.js'
import type { GraphNode } from '../src/model/index.js'
import { openCypherEngine } from '../src/paths/index.js'
import { seededUniform } from '../src/generate/index.js'
import { percentile } from './stats.js'

/** Options of {@link benchNeo4j}. */
export interface Neo4jBenchOptions {
  /** Bolt URI (default env NEO4J_URI). */
  readonly uri?: string
  /** Rows per UNWIND statement (default the store's 5000). */
  readonly batchRows?: number
  /** Runs per query kind (default 20; blast radius and who-can run a quarter of that). */
  readonly runs?: number
  /** Keep the snapshot in Neo4j afterwards (default: delete it). */
  readonly keep?: boolean
  /** Seed for picking query endpoints. */
  readonly seed?: number
}

/** One timed query kind. */
export interface Neo4jLatency {
  readonly query: string
  readonly runs: number
  readonly medianMs: number
  readonly maxMs: number
}

/** The Neo4j benchmark row. */
export interface Neo4jBenchResult {
  readonly store: 'neo4j'
  readonly uri: string
  readonly nodes: number
  readonly edges: number
  /** Snapshot write (all batches + publication). */
  readonly writeMs: number
  readonly writeRowsPerSecond: number
  readonly privescMs: number
  readonly latencies: readonly Neo4jLatency[]
  readonly deleteMs: number | null
}


/** Write `input` to Neo4j and time the path queries on it. */
export async function benchNeo4j(input: SnapshotInput, options: Neo4jBenchOptions = {}): Promise<Neo4jBenchResult> {
  const store = await openNeo4jStore({
    kind: 'neo4j',
    ...(options.uri !== undefined ? { uri: options.uri } : {}),
    ...(options.batchRows !== undefined ? { batchRows: options.batchRows } : {}),
    retryMs: 30_000,
  })
  try {
    let start = performance.now()
    const meta = await store.writeSnapshot(input)
    const writeMs = performance.now() - start
    const engine = await openCypherEngine(store, meta.id)

    start = performance.now()
    await engine.privesc()
    const privescMs = performance.now() - start

    const random = seededUniform(options.seed ?? 101)
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
    const principals = input.nodes.filter((n: GraphNode) => ['AWSUser', 'AWSRole', 'AZUser', 'AZServicePrincipal'].includes(n.kind))
    const targets = input.nodes.filter((n: GraphNode) => n.isTierZero || n.classification === 'restricted')
    const runs = options.runs ?? 20
    const latencies: Neo4jLatency[] = []
    const sample = async (query: string, count: number, fn: () => Promise<unknown>): Promise<void> => {
      const times: number[] = []
      for (let i = 0; i < count; i++) {
        const t0 = performance.now()
        await fn()
        times.push(performance.now() - t0)
      }
      times.sort((a, b) => a - b)
      latencies.push({ query, runs: count, medianMs: round(percentile(times, 50)), maxMs: round(times[times.length - 1] ?? 0) })
    }
    if (principals.length > 0 && targets.length > 0) {
      await sample('path (k=1)', runs, () => engine.shortestPaths({ from: pick(principals).id, to: pick(targets).id }))
      await sample('k-paths (k=5)', Math.max(1, Math.floor(runs / 4)), () => engine.shortestPaths({ from: pick(principals).id, to: pick(targets).id, k: 5 }))
      await sample('blast radius', Math.max(1, Math.floor(runs / 4)), () => engine.blastRadius({ from: pick(principals).id, limit: 100 }))
      await sample('who-can (crown jewel)', Math.max(1, Math.floor(runs / 4)), () => engine.whoCan({ to: pick(targets).id, limit: 100 }))
    }
    await engine.close()

    let deleteMs: number | null = null
    if (!options.keep) {
      start = performance.now()
      await store.deleteSnapshot(meta.id)
      deleteMs = round(performance.now() - start)
    }
    const rows = input.nodes.length + input.edges.length
    return {
      store: 'neo4j',
      uri: store.location,
      nodes: input.nodes.length,
      edges: input.edges.length,
      writeMs: round(writeMs),
      writeRowsPerSecond: Math.round(rows / (writeMs / 1000)),
      privescMs: round(privescMs),
      latencies,
      deleteMs,
    }
  } finally {
    await store.close()
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10
}

/**
 * A seeded synthetic snapshot of `principals` roles and users, for the direct
 * run when no derived snapshot is handed in: accounts containing resources,
 * users with access keys assuming roles, roles reaching resources, a few
 * admin roles. Shape, not realism: it exercises batches and BFS levels.
 */
export async function syntheticSnapshot(principals: number, seed = 7): Promise<SnapshotInput> {
  const { emptyInventory, makeEdge, makeNode } = await import('../src/model/index.js')
  const random = seededUniform(seed)
  const accounts = Math.max(2, Math.floor(principals / 1000))
  const nodes = []
  const edges = []
  const evidence = (policy: string) => [{ type: 'identity-policy' as const, policy, statement: 0 }] as const
  const accountIds = Array.from({ length: accounts }, (_, i) => String(100000000000 + i))
  for (const a of accountIds) nodes.push(makeNode({ id: `arn:aws:iam::${a}:root`, kind: 'AWSAccount', name: a, account: a, properties: { accountId: a } }))
  const roles: string[] = []
  const resources: string[] = []
  for (let i = 0; i < principals; i++) {
    const a = accountIds[i % accounts]!
    const role = `arn:aws:iam::${a}:role/role-${i}`
    roles.push(role)
    nodes.push(makeNode({ id: role, kind: 'AWSRole', name: `role-${i}`, account: a, properties: { accountId: a } }))
    for (let r = 0; r < 5; r++) {
      const res = `arn:aws:s3:::bucket-${i}-${r}`
      resources.push(res)
      nodes.push(makeNode({ id: res, kind: 'AWSResource', name: `bucket-${i}-${r}`, account: a, classification: r === 0 ? 'restricted' : 'internal', properties: { accountId: a, resourceType: 's3:bucket' } }))
      edges.push(makeEdge({ from: `arn:aws:iam::${a}:root`, to: res, kind: 'Contains', evidence: [{ type: 'inventory', policy: res }] }))
    }
  }
  for (let i = 0; i < principals; i++) {
    const role = roles[i]!
    for (let j = 0; j < 3; j++) {
      const to = roles[Math.floor(random() * roles.length)]!
      if (to !== role) edges.push(makeEdge({ from: role, to, kind: 'CanAssume', technique: 'aws/sts-assume-role', evidence: evidence(`${to}#trust`) }))
    }
    for (let j = 0; j < 5; j++) {
      const to = resources[Math.floor(random() * resources.length)]!
      edges.push(makeEdge({ from: role, to, kind: 'CanAccess', evidence: evidence(`${role}#inline/p`), accessLevels: ['Read'] }))
    }
    if (i % 200 === 0) edges.push(makeEdge({ from: role, to: `arn:aws:iam::${accountIds[i % accounts]!}:root`, kind: 'AdminTo', technique: 'aws/admin', evidence: evidence('arn:aws:iam::aws:policy/AdministratorAccess') }))
    if (i % 2 === 0) {
      const a = accountIds[i % accounts]!
      const user = `arn:aws:iam::${a}:user/user-${i}`
      const key = `AKIA${String(i).padStart(16, '0')}`
      nodes.push(makeNode({ id: user, kind: 'AWSUser', name: `user-${i}`, account: a, properties: { accountId: a } }))
      nodes.push(makeNode({ id: key, kind: 'AWSAccessKey', name: key, account: a, isExposed: i % 50 === 0, properties: { status: 'Active' } }))
      edges.push(makeEdge({ from: key, to: user, kind: 'AuthenticatesAs', evidence: [{ type: 'inventory', policy: key }] }))
      edges.push(makeEdge({ from: user, to: roles[Math.floor(random() * roles.length)]!, kind: 'CanAssume', technique: 'aws/sts-assume-role', evidence: evidence('trust') }))
    }
  }
  const unique = new Map(edges.map((e) => [e.id, e]))
  return { label: `synthetic-${principals}`, nodes, edges: [...unique.values()], inventory: emptyInventory(), issues: [], createdAt: new Date('2026-11-27T00:00:00Z') }
}

/** Direct run: `npx tsx bench/neo4j.ts [principals]` benches a synthetic snapshot of that size. */
async function main(): Promise<void> {
  const principals = Number(process.argv[2] ?? 1000)
  const input = await syntheticSnapshot(principals)
  const result = await benchNeo4j(input)
  process.stdout.write(`${JSON.stringify({ principals, ...result }, null, 2)}\n`)
}

if (process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  await main()
}
