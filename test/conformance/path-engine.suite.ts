/**
 * @module test/conformance/path-engine.suite
 * The one test suite every PathEngine implementation must pass (R6). Cases
 * are data: test/cases/paths/*.json, each a hand-built graph plus queries with
 * expected answers and the reason for them. memory.test.ts runs it on the
 * memory engine, neo4j.test.ts on the Cypher engine.
 *
 * A difference between engines is fixed or listed in `skip` with a reason,
 * never deleted. Test names are `<file>/<query name>`.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SnapshotContent } from '../../src/graph/index.js'
import { isCrownpathError } from '../../src/model/index.js'
import type { GraphPath, PathEngine } from '../../src/paths/index.js'
import type { CaseGraph } from './case-graph.js'
import { buildSnapshot } from './case-graph.js'

/** Where the case files live. */
export const PATH_CASES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'cases', 'paths')

/** Options of {@link pathEngineSuite}. */
export interface PathEngineSuiteOptions {
  readonly name: string
  /** Open an engine over a snapshot (called once per case file). */
  readonly open: (content: SnapshotContent) => Promise<PathEngine>
  /** Tests this implementation skips, by `<file>/<query name>`, each with its reason. */
  readonly skip?: readonly { readonly reason: string; readonly tests: readonly string[] }[]
  /** Only run case files whose name matches (for focusing while debugging). */
  readonly only?: RegExp
}

/** A query of a case file. */
interface CaseQuery {
  readonly name: string
  /** Why the expected answer is right (documentation for people). */
  readonly why?: string
  readonly op: 'resolveSelector' | 'shortestPaths' | 'blastRadius' | 'whoCan' | 'chokePoints' | 'minCut' | 'privesc' | 'roleHolders'
  readonly input?: Record<string, unknown>
  readonly expect: Record<string, unknown>
}

/** A case file. */
interface CaseFile {
  readonly description: string
  readonly graph: CaseGraph
  readonly queries: readonly CaseQuery[]
}

/** Load every case file (sorted by name). */
export function loadPathCases(): { file: string; content: CaseFile }[] {
  return readdirSync(PATH_CASES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ file: f.replace(/\.json$/, ''), content: JSON.parse(readFileSync(join(PATH_CASES_DIR, f), 'utf8')) as CaseFile }))
}

/** Node ids along a path. */
function nodesOf(path: GraphPath): string[] {
  const first = path.hops[0]
  return first ? [first.from, ...path.hops.map((h) => h.to)] : []
}

/** `from Kind to`: how case files name an edge. */
function edgeName(e: { from: string; kind: string; to: string }): string {
  return `${e.from} ${e.kind} ${e.to}`
}

/** Compare a path against `{ cost, nodes, kinds? }`. */
function shapePath(path: GraphPath, want: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { cost: path.cost, nodes: nodesOf(path) }
  if (want.kinds) out.kinds = path.hops.map((h) => h.kind)
  return out
}

/** Pick the fields of `actual` that `want` states (so cases state only what matters). */
function pick(actual: Record<string, unknown>, want: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(want)) out[key] = actual[key]
  return out
}

const sortStrings = (list: readonly string[]): string[] => [...list].sort()

async function runQuery(engine: PathEngine, q: CaseQuery): Promise<Record<string, unknown>> {
  const input = (q.input ?? {}) as never
  const w = q.expect
  switch (q.op) {
    case 'resolveSelector': {
      const r = await engine.resolveSelector((q.input as { selector: string }).selector)
      return pick({ ids: r.ids, match: r.match }, w)
    }
    case 'shortestPaths': {
      const r = await engine.shortestPaths(input)
      const wantPaths = (w.paths ?? []) as Record<string, unknown>[]
      return pick({ paths: r.paths.map((p, i) => shapePath(p, wantPaths[i] ?? {})), truncated: r.truncated }, w)
    }
    case 'blastRadius': {
      const r = await engine.blastRadius(input)
      const wantPaths = (w.paths ?? {}) as Record<string, Record<string, unknown>>
      const all = [...r.principals, ...r.resources, ...r.scopes]
      return pick(
        {
          principals: sortStrings(r.principals.map((n) => n.id)),
          scopes: sortStrings(r.scopes.map((n) => n.id)),
          resources: Object.fromEntries(r.resources.map((n) => [n.id, n.accessLevels])),
          resourceOrder: r.resources.map((n) => n.id),
          tierZero: r.tierZero,
          totals: r.totals,
          byClassification: r.byClassification,
          byAccount: r.byAccount,
          score: r.score,
          truncated: r.truncated,
          paths: Object.fromEntries(
            Object.keys(wantPaths).map((id) => {
              const n = all.find((x) => x.id === id)
              return [id, n ? shapePath(n.path, wantPaths[id]!) : null]
            }),
          ),
        },
        w,
      )
    }
    case 'whoCan': {
      const r = await engine.whoCan(input)
      const wantEntries = (w.entries ?? []) as Record<string, unknown>[]
      return pick(
        {
          entries: r.entries.map((e, i) => {
            const want = wantEntries[i] ?? {}
            const shaped: Record<string, unknown> = { id: e.id, accessLevels: e.accessLevels, cost: e.cost }
            if (want.nodes) shaped.nodes = nodesOf(e.path)
            return pick(shaped, Object.keys(want).length > 0 ? want : shaped)
          }),
          total: r.total,
          truncated: r.truncated,
        },
        w,
      )
    }
    case 'chokePoints': {
      const r = await engine.chokePoints(input)
      const wantTop = (w.chokePoints ?? []) as unknown[]
      return pick(
        {
          pathsConsidered: r.pathsConsidered,
          chokePoints: r.chokePoints.slice(0, wantTop.length).map((c) => ({ edge: edgeName(c.edge), pathCount: c.pathCount })),
          truncated: r.truncated,
        },
        w,
      )
    }
    case 'minCut': {
      const r = await engine.minCut(input)
      return pick(
        {
          isConnected: r.isConnected,
          isCuttable: r.isCuttable,
          value: r.value,
          edges: sortStrings(r.edges.map((c) => edgeName(c.edge))),
          changes: Object.fromEntries(r.edges.map((c) => [edgeName(c.edge), c.change.map((p) => `${p.policy}#${p.statement ?? '-'}`)])),
          truncated: r.truncated,
        },
        w,
      )
    }
    case 'roleHolders': {
      // Each holding as `<assignment> <status> via <group>>…` (`-` when direct), so a case states the why compactly.
      const r = await engine.roleHolders(input)
      return pick(
        {
          roles: r.roles.map((x) => x.id),
          scope: r.scope,
          holders: r.holders.map((h) => ({
            id: h.id,
            status: h.status,
            holdings: h.holdings.map((x) => `${x.evidence.policy} ${x.status} via ${x.via.length > 0 ? x.via.join('>') : '-'}${x.isConditional ? ' (conditional)' : ''}`),
          })),
          total: r.total,
          truncated: r.truncated,
        },
        w,
      )
    }
    case 'privesc': {
      const r = await engine.privesc(input)
      return pick(
        {
          admins: r.admins,
          findings: r.findings.map((f) => ({ principal: f.principal, target: f.target, cost: f.cost, nodes: nodesOf({ cost: f.cost, hops: f.hops }) })),
          truncated: r.truncated,
        },
        w,
      )
    }
  }
}

/** Register the suite. */
export function pathEngineSuite(options: PathEngineSuiteOptions): void {
  const skipped = new Map<string, string>()
  for (const s of options.skip ?? []) for (const t of s.tests) skipped.set(t, s.reason)
  describe(`PathEngine conformance: ${options.name}`, () => {
    for (const { file, content } of loadPathCases()) {
      if (options.only && !options.only.test(file)) continue
      describe(file, () => {
        let engine: PathEngine
        beforeAll(async () => {
          engine = await options.open(buildSnapshot(content.graph))
        })
        afterAll(async () => {
          await engine?.close()
        })
        for (const q of content.queries) {
          const testName = `${file}/${q.name}`
          const reason = skipped.get(testName)
          const register = reason === undefined ? it : it.skip
          register(reason === undefined ? q.name : `${q.name} (skipped: ${reason})`, async () => {
            const wantError = q.expect.error as string | undefined
            if (wantError) {
              const caught = await runQuery(engine, q).then(
                () => null,
                (e: unknown) => e,
              )
              expect(isCrownpathError(caught) ? caught.code : caught, q.why).toBe(wantError)
              return
            }
            expect(await runQuery(engine, q), q.why).toEqual(q.expect)
          })
        }
      })
    }
  })
}
