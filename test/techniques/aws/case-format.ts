/**
 * @module test/techniques/aws/case-format
 * The golden-case file format for AWS techniques (test/cases/techniques/aws/<module>.json)
 * and the function that runs one case through the real deriver and evaluator.
 */
import { compileAuthorizer } from '../../../src/aws/policy/index.js'
import type { ActionCatalog } from '../../../src/aws/policy/index.js'
import type { GraphEdge } from '../../../src/model/index.js'
import { compileClassifier, emptyInventory } from '../../../src/model/index.js'
import { AWS_TECHNIQUES, deriveAws } from '../../../src/techniques/aws/index.js'
import type { InventorySpec } from '../../helpers/aws-builders.js'
import { buildAwsInventory, ref } from '../../helpers/aws-builders.js'

/** One expected edge; ids may be short references (see `ref`). */
export interface ExpectedEdge {
  readonly from: string
  readonly to: string
  readonly kind?: string
  readonly conditional?: boolean
  /** Each listed item must be among the edge's evidence. */
  readonly evidence?: readonly { readonly policy: string; readonly statement?: number | null }[]
  readonly accessLevels?: readonly string[]
}

/** One case. `expect.edges` lists exactly the edges the technique must produce (empty = negative case). */
export interface TechniqueCase {
  readonly name: string
  readonly technique: string
  /** Why the answer is what it is (a person reads this when the case fails). */
  readonly reason: string
  readonly inventory: InventorySpec
  readonly expect: { readonly edges: readonly ExpectedEdge[] }
}

/** A case file. */
export interface CaseFile {
  readonly module: string
  readonly cases: readonly TechniqueCase[]
}

/** Resolve a short id used in a case (`user/alice`, `account`, `oidc:...`). */
export function resolveRef(id: string): string {
  return ref(id)
}

/** Run a case: derive with just its technique and return that technique's edges. */
export function runCase(c: TechniqueCase, catalog: ActionCatalog | null): GraphEdge[] {
  const technique = AWS_TECHNIQUES.find((t) => t.id === c.technique)
  if (!technique) throw new Error(`unknown technique ${c.technique}`)
  const inventory = { ...emptyInventory(), aws: buildAwsInventory(c.inventory) }
  const derived = deriveAws(inventory, { classifier: compileClassifier(), now: new Date('2026-11-27T00:00:00Z') }, { compile: (aws) => compileAuthorizer(aws), catalog, techniques: [technique] }, AWS_TECHNIQUES)
  const failures = derived.issues.filter((i) => i.severity === 'error')
  if (failures.length > 0) throw new Error(`derivation issues: ${JSON.stringify(failures)}`)
  return derived.edges.filter((e) => e.technique === c.technique)
}
