/**
 * Runner for test/cases/techniques/azure/*.json: each case builds an
 * AzureInventory from partial records, runs ONE technique and checks the
 * edges it must draw (with their evidence) and the ones it must not.
 * Focus a case with CASE="<file> <case name substring>".
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { GraphEdge } from '../../../src/model/index.js'
import { makeEdge } from '../../../src/model/index.js'
import { AZURE_TECHNIQUES, buildAzureTechniqueContext } from '../../../src/techniques/azure/index.js'
import type { AzureInventoryInput } from '../../helpers/azure-builders.js'
import { azureInventory, TENANT } from '../../helpers/azure-builders.js'

interface ExpectedEdge {
  from: string
  to: string
  evidence?: { type: string; policy: string }
  conditional?: boolean
  conditions?: { operator: string; key: string; values: string[] }[]
  accessLevels?: string[]
}
interface TechniqueCase {
  name: string
  why: string
  inventory: AzureInventoryInput
  expect: { edges: ExpectedEdge[]; absent: { from: string; to: string }[]; count?: number }
}
interface CaseFile {
  technique: string
  cases: TechniqueCase[]
}

const DIR = join(import.meta.dirname, '../../cases/techniques/azure')
const focus = process.env['CASE']

/** Load every case file (exported for the registry test). */
export function loadAzureCaseFiles(): { file: string; data: CaseFile }[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, data: JSON.parse(readFileSync(join(DIR, file), 'utf8')) as CaseFile }))
}

function run(data: CaseFile, c: TechniqueCase): GraphEdge[] {
  const technique = AZURE_TECHNIQUES.find((t) => t.id === data.technique)
  if (!technique) throw new Error(`no technique ${data.technique}`)
  const input = { tenants: [{ id: TENANT }], ...c.inventory }
  const ctx = buildAzureTechniqueContext(azureInventory(input))
  return [...technique.detect(ctx)].map((e) => makeEdge(e))
}

for (const { file, data } of loadAzureCaseFiles()) {
  describe(`${file} (${data.technique})`, () => {
    for (const c of data.cases) {
      const skip = focus !== undefined && !`${file} ${c.name}`.includes(focus)
      it.skipIf(skip)(c.name, () => {
        const edges = run(data, c)
        for (const want of c.expect.edges) {
          const got = edges.filter((e) => e.from === want.from && e.to === want.to)
          expect(got, `edge ${want.from} → ${want.to} in ${JSON.stringify(edges.map((e) => [e.from, e.to]))}`).not.toHaveLength(0)
          for (const edge of got) {
            expect(edge.technique).toBe(data.technique)
            if (want.evidence) expect(edge.evidence).toContainEqual(expect.objectContaining(want.evidence))
            if (want.conditional !== undefined) expect(edge.conditional).toBe(want.conditional)
            if (want.conditions) for (const cond of want.conditions) expect(edge.conditions).toContainEqual(expect.objectContaining(cond))
            if (want.accessLevels) expect([...edge.accessLevels].sort()).toEqual([...want.accessLevels].sort())
            // R3: every edge explains itself.
            expect(edge.evidence.every((ev) => ev.policy.length > 0 && (ev.note ?? '').length > 0)).toBe(true)
          }
        }
        for (const absent of c.expect.absent) {
          expect(edges.filter((e) => e.from === absent.from && e.to === absent.to), `unexpected edge ${absent.from} → ${absent.to}`).toHaveLength(0)
        }
        if (c.expect.count !== undefined) expect(edges).toHaveLength(c.expect.count)
      })
    }
  })
}
