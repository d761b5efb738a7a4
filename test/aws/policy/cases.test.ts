/**
 * The golden-case runner for the AWS evaluator: every file in
 * test/cases/policy-eval/ holds an inventory snippet and requests with the
 * expected decision, conditionality, unresolved keys and deciding statements
 * (the why). Focus one case with `-t "<file> › <case name>"`.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { AwsRequest, Decision } from '../../../src/aws/policy/index.js'
import { compileAuthorizer } from '../../../src/aws/policy/index.js'
import type { InventorySnippet } from './inventory-builder.js'
import { buildInventory } from './inventory-builder.js'

interface GoldenCase {
  readonly name: string
  readonly request: AwsRequest
  readonly expect: {
    readonly decision: Decision
    readonly conditional?: boolean
    /** Condition keys left unresolved; `not:` prefix for those guarding a Deny. */
    readonly unresolvedKeys?: readonly string[]
    readonly matched: readonly { policy: string; statement: number; effect: 'Allow' | 'Deny' }[]
  }
}

interface GoldenFile {
  readonly description: string
  readonly source: string | readonly string[]
  readonly inventory: InventorySnippet
  /** `where` of every DataIssue the compile must report (default: none). */
  readonly expectIssues?: readonly string[]
  readonly cases: readonly GoldenCase[]
}

const dir = join(import.meta.dirname, '../../cases/policy-eval')
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort()

describe('policy-eval golden cases', () => {
  it('has case files', () => {
    expect(files.length).toBeGreaterThan(5)
  })
  for (const file of files) {
    const golden = JSON.parse(readFileSync(join(dir, file), 'utf8')) as GoldenFile
    describe(file, () => {
      const authorizer = compileAuthorizer(buildInventory(golden.inventory))
      it('reports exactly the expected data issues', () => {
        expect(authorizer.issues.map((i) => i.where).sort()).toEqual([...(golden.expectIssues ?? [])].sort())
      })
      for (const c of golden.cases) {
        it(c.name, () => {
          const result = authorizer.evaluate(c.request)
          expect(result.decision).toBe(c.expect.decision)
          expect(result.conditional).toBe(c.expect.conditional ?? false)
          const keys = result.unresolvedConditions.map((r) => (r.negated ? `not:${r.key}` : r.key))
          expect([...new Set(keys)].sort()).toEqual([...(c.expect.unresolvedKeys ?? [])].sort())
          const matched = result.matched.map((m) => `${m.policy}|${m.statement}|${m.effect}`)
          const want = c.expect.matched.map((m) => `${m.policy}|${m.statement}|${m.effect}`)
          expect([...new Set(matched)].sort()).toEqual([...want].sort())
        })
      }
    })
  }
})
