/**
 * Consistency of the AWS technique table: ids unique and named after their
 * files, every technique has golden cases (≥1 positive, ≥1 negative), every
 * edge kind exists, every descriptor is complete.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EDGE_KINDS } from '../../src/model/index.js'
import { AWS_TECHNIQUES } from '../../src/techniques/aws/index.js'
import { PROVIDER_DERIVERS } from '../../src/techniques/index.js'

const ROOT = join(import.meta.dirname, '../..')
const CASES = join(ROOT, 'test/cases/techniques/aws')

/** `aws/<file>` or `aws/<file>/<row>` → `<file>`. */
function moduleOf(id: string): string {
  return id.split('/')[1] ?? ''
}

interface CaseLike {
  readonly technique: string
  readonly expect: { readonly edges: readonly unknown[] }
}

const casesByTechnique = new Map<string, CaseLike[]>()
for (const file of readdirSync(CASES).filter((f) => f.endsWith('.json'))) {
  const data = JSON.parse(readFileSync(join(CASES, file), 'utf8')) as { module: string; cases: CaseLike[] }
  it(`case file ${file} is named after its module`, () => expect(data.module).toBe(file.replace(/\.json$/, '')))
  for (const c of data.cases) casesByTechnique.set(c.technique, [...(casesByTechnique.get(c.technique) ?? []), c])
}

describe('AWS technique registry', () => {
  it('has unique ids', () => {
    const ids = AWS_TECHNIQUES.map((t) => t.id)
    expect(new Set(ids).size).toBe(ids.length)
  })
  it('lists the AWS deriver in PROVIDER_DERIVERS once', () => {
    expect(PROVIDER_DERIVERS.filter((d) => d.name === 'aws')).toHaveLength(1)
  })
  it('refers only to techniques that exist', () => {
    const ids = new Set(AWS_TECHNIQUES.map((t) => t.id))
    for (const id of casesByTechnique.keys()) expect(ids.has(id), id).toBe(true)
  })
  for (const t of AWS_TECHNIQUES) {
    describe(t.id, () => {
      it('is named after its file (aws/<file> or aws/<file>/<row>)', () => {
        expect(t.id).toMatch(/^aws\/[a-z0-9-]+(\/[a-z0-9+-]+)?$/)
        expect(t.provider).toBe('aws')
        expect(existsSync(join(ROOT, 'src/techniques/aws', `${moduleOf(t.id)}.ts`)), `${moduleOf(t.id)}.ts`).toBe(true)
      })
      it('has an edge kind from the kind table', () => expect(Object.hasOwn(EDGE_KINDS, t.edgeKind)).toBe(true))
      it('has a complete descriptor', () => {
        expect(t.title.length).toBeGreaterThan(0)
        expect(t.requires.length).toBeGreaterThan(0)
        expect(Number.isInteger(t.cost) && t.cost > 0).toBe(true)
        for (const part of ['general', 'abuse', 'opsec', 'remediation'] as const) expect(t.text[part].length, part).toBeGreaterThan(0)
        expect(t.text.references.length).toBeGreaterThan(0)
      })
      it('has a case file with a positive and a negative case', () => {
        expect(existsSync(join(CASES, `${moduleOf(t.id)}.json`))).toBe(true)
        const cases = casesByTechnique.get(t.id) ?? []
        expect(cases.filter((c) => c.expect.edges.length > 0).length, 'positive cases').toBeGreaterThan(0)
        expect(cases.filter((c) => c.expect.edges.length === 0).length, 'negative cases').toBeGreaterThan(0)
      })
    })
  }
})
