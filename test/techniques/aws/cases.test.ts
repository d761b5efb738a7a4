/**
 * The AWS technique golden cases: every file in test/cases/techniques/aws,
 * one `it` per case. Focus one with CASE=<substring of the name>.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ActionCatalog } from '../../../src/aws/policy/index.js'
import { loadActionCatalog } from '../../../src/aws/policy/index.js'
import type { CaseFile } from './case-format.js'
import { resolveRef, runCase } from './case-format.js'

const DIR = join(import.meta.dirname, '../../cases/techniques/aws')
const focus = process.env.CASE ?? ''

let catalog: ActionCatalog | null = null
beforeAll(async () => {
  catalog = await loadActionCatalog({ services: ['s3', 'kms', 'secretsmanager', 'sagemaker', 'dynamodb', 'lambda'] })
})

for (const file of readdirSync(DIR).filter((f) => f.endsWith('.json')).sort()) {
  const data = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as CaseFile
  describe(file, () => {
    for (const c of data.cases) {
      const run = focus === '' || c.name.includes(focus) ? it : it.skip
      run(`${c.technique}: ${c.name}`, () => {
        const edges = runCase(c, catalog)
        const actual = edges.map((e) => `${e.from} -[${e.kind}]-> ${e.to}`).sort()
        const wanted = c.expect.edges.map((e) => `${resolveRef(e.from)} -[${e.kind ?? edges[0]?.kind ?? '?'}]-> ${resolveRef(e.to)}`)
        const wantedKinds = c.expect.edges.map((e) => `${resolveRef(e.from)} -> ${resolveRef(e.to)}`).sort()
        expect(edges.map((e) => `${e.from} -> ${e.to}`).sort(), `${c.reason}\nactual: ${actual.join('\n')}`).toEqual(wantedKinds)
        for (const want of c.expect.edges) {
          const edge = edges.find((e) => e.from === resolveRef(want.from) && e.to === resolveRef(want.to))
          expect(edge, wanted.join(',')).toBeDefined()
          if (!edge) continue
          if (want.kind) expect(edge.kind).toBe(want.kind)
          if (want.conditional !== undefined) expect(edge.conditional, `${c.reason}: conditions ${JSON.stringify(edge.conditions)}`).toBe(want.conditional)
          for (const ev of want.evidence ?? []) {
            const policy = resolveRef(ev.policy)
            const hit = edge.evidence.some((e) => e.policy === policy && (ev.statement === undefined || e.statement === ev.statement))
            expect(hit, `evidence ${policy}#${ev.statement} in ${JSON.stringify(edge.evidence)}`).toBe(true)
          }
          if (want.accessLevels) expect([...edge.accessLevels].sort()).toEqual([...want.accessLevels].sort())
        }
      })
    }
  })
}
