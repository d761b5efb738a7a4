/**
 * @module aws/policy/conditions
 * The table of condition operators and the three-valued evaluation of a
 * Condition block: every key must hold (AND), any policy value may match (OR),
 * keys compared case-insensitively, values case-sensitively unless the
 * operator says otherwise. A key the evaluator cannot know offline makes the
 * condition `unknown` rather than guessed.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 */
import { arnTokensToRegex } from '../arn.js'
import type { GlobToken } from '../glob.js'
import { globTokensToRegexSource } from '../glob.js'
import type { KeyLookup, TemplateToken } from '../variables.js'
import { hasVariables, parseTemplate, resolveTemplate, tokensToLiteral } from '../variables.js'
import { arnEquals } from './arn-equals.js'
import { arnLike } from './arn-like.js'
import { arnNotEquals } from './arn-not-equals.js'
import { arnNotLike } from './arn-not-like.js'
import { binaryEquals } from './binary-equals.js'
import { bool } from './bool.js'
import { dateEquals } from './date-equals.js'
import { dateGreaterThan } from './date-greater-than.js'
import { dateGreaterThanEquals } from './date-greater-than-equals.js'
import { dateLessThan } from './date-less-than.js'
import { dateLessThanEquals } from './date-less-than-equals.js'
import { dateNotEquals } from './date-not-equals.js'
import { ipAddress } from './ip-address.js'
import { notIpAddress } from './not-ip-address.js'
import { null_ } from './null.js'
import { numericEquals } from './numeric-equals.js'
import { numericGreaterThan } from './numeric-greater-than.js'
import { numericGreaterThanEquals } from './numeric-greater-than-equals.js'
import { numericLessThan } from './numeric-less-than.js'
import { numericLessThanEquals } from './numeric-less-than-equals.js'
import { numericNotEquals } from './numeric-not-equals.js'
import type { ConditionOperator } from './operator.js'
import { stringEquals } from './string-equals.js'
import { stringEqualsIgnoreCase } from './string-equals-ignore-case.js'
import { stringLike } from './string-like.js'
import { stringNotEquals } from './string-not-equals.js'
import { stringNotEqualsIgnoreCase } from './string-not-equals-ignore-case.js'
import { stringNotLike } from './string-not-like.js'

export type { ConditionOperator } from './operator.js'
export { parseIp, cidrTest, parseDate, parseNumber } from './operator.js'

/** Every condition operator of the IAM reference, one file each. */
export const CONDITION_OPERATORS: readonly ConditionOperator[] = [
  stringEquals,
  stringNotEquals,
  stringEqualsIgnoreCase,
  stringNotEqualsIgnoreCase,
  stringLike,
  stringNotLike,
  numericEquals,
  numericNotEquals,
  numericLessThan,
  numericLessThanEquals,
  numericGreaterThan,
  numericGreaterThanEquals,
  dateEquals,
  dateNotEquals,
  dateLessThan,
  dateLessThanEquals,
  dateGreaterThan,
  dateGreaterThanEquals,
  bool,
  binaryEquals,
  ipAddress,
  notIpAddress,
  arnEquals,
  arnLike,
  arnNotEquals,
  arnNotLike,
  null_,
]

const BY_NAME: ReadonlyMap<string, ConditionOperator> = new Map(CONDITION_OPERATORS.map((op) => [op.name.toLowerCase(), op]))

/** One compiled `operator: { key: values }` entry. */
export interface CompiledCondition {
  /** The operator as written (`ForAnyValue:StringLike`, `BoolIfExists`). */
  readonly operator: string
  /** The key as written. */
  readonly key: string
  readonly keyLower: string
  readonly values: readonly string[]
  readonly set: 'any' | 'all' | null
  readonly ifExists: boolean
  /** null when the operator is not one AWS defines (the condition stays unknown, and an issue is raised). */
  readonly op: ConditionOperator | null
  /** Precompiled tests, one per policy value; null when values use policy variables. */
  readonly tests: readonly ((value: string) => boolean)[] | null
  /** Value templates, when values use policy variables or escapes. */
  readonly templates: readonly (readonly TemplateToken[])[] | null
}

/** Result of compiling a Condition block. */
export interface CompiledConditionBlock {
  readonly conditions: readonly CompiledCondition[]
  readonly problems: readonly string[]
}

/** Split `ForAnyValue:StringLikeIfExists` into its parts. */
export function parseOperatorName(written: string): { set: 'any' | 'all' | null; ifExists: boolean; base: string } {
  let rest = written
  let set: 'any' | 'all' | null = null
  const lower = rest.toLowerCase()
  if (lower.startsWith('foranyvalue:')) {
    set = 'any'
    rest = rest.slice('ForAnyValue:'.length)
  } else if (lower.startsWith('forallvalues:')) {
    set = 'all'
    rest = rest.slice('ForAllValues:'.length)
  }
  let ifExists = false
  // `Null` has no IfExists form; every other operator may carry the suffix.
  if (rest.toLowerCase().endsWith('ifexists') && rest.toLowerCase() !== 'ifexists') {
    ifExists = true
    rest = rest.slice(0, -'IfExists'.length)
  }
  return { set, ifExists, base: rest }
}

/** Condition values are strings, numbers or booleans, alone or in a list. */
function conditionValues(raw: unknown): string[] | null {
  const list = Array.isArray(raw) ? raw : [raw]
  const out: string[] = []
  for (const item of list) {
    if (typeof item === 'string') out.push(item)
    else if (typeof item === 'number' || typeof item === 'boolean') out.push(String(item))
    else return null
  }
  return out
}

/** Compile one policy value (no variables) for an operator. */
function compileValue(op: ConditionOperator, tokens: readonly TemplateToken[], raw: string): (value: string) => boolean {
  if (op.glob === null || !raw.includes('${')) return op.compile(raw)
  return compileGlobTokens(op, tokens as readonly GlobToken[])
}

/** A glob operator's test from resolved tokens (escapes like `${*}` are literal tokens). */
function compileGlobTokens(op: ConditionOperator, tokens: readonly GlobToken[]): (value: string) => boolean {
  const re = op.glob === 'arn' ? arnTokensToRegex(tokens) : new RegExp(`^${globTokensToRegexSource(tokens)}$`, 's')
  return (value) => re.test(value)
}

/** Compile a Condition element. Problems are returned, never thrown. */
export function compileConditionBlock(raw: unknown): CompiledConditionBlock {
  if (raw === undefined || raw === null) return { conditions: [], problems: [] }
  if (typeof raw !== 'object' || Array.isArray(raw)) return { conditions: [], problems: ['Condition must be an object'] }
  const conditions: CompiledCondition[] = []
  const problems: string[] = []
  for (const [operator, body] of Object.entries(raw as Record<string, unknown>)) {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      problems.push(`Condition operator \`${operator}\` must map keys to values`)
      continue
    }
    const { set, ifExists, base } = parseOperatorName(operator)
    const op = BY_NAME.get(base.toLowerCase()) ?? null
    if (op === null) problems.push(`unknown condition operator \`${operator}\``)
    for (const [key, rawValues] of Object.entries(body as Record<string, unknown>)) {
      const values = conditionValues(rawValues)
      if (values === null) {
        problems.push(`Condition \`${operator}\` key \`${key}\` has a value that is not a string, number or boolean`)
        continue
      }
      const templates = values.map((value) => parseTemplate(value, op?.glob !== null && op?.glob !== undefined))
      const dynamic = templates.some(hasVariables)
      conditions.push({
        operator,
        key,
        keyLower: key.toLowerCase(),
        values,
        set,
        ifExists,
        op,
        tests: op === null || dynamic ? null : values.map((value, i) => compileValue(op, templates[i] as TemplateToken[], value)),
        templates: dynamic ? templates : null,
      })
    }
  }
  return { conditions, problems }
}

/** Three-valued outcome of a condition or a block. */
export type Tri = 'true' | 'false' | 'unknown'

/** The policy-value tests for a condition, substituting variables; null when a variable is unknown. */
function testsFor(condition: CompiledCondition, op: ConditionOperator, lookup: KeyLookup): readonly ((value: string) => boolean)[] | null {
  if (condition.tests !== null) return condition.tests
  const out: ((value: string) => boolean)[] = []
  for (const template of condition.templates ?? []) {
    const resolved = resolveTemplate(template, lookup)
    if (!resolved.ok) {
      if (resolved.unknownKey !== null) return null
      continue // absent variable without default: this value matches nothing
    }
    out.push(op.glob === null ? op.compile(tokensToLiteral(resolved.tokens)) : compileGlobTokens(op, resolved.tokens))
  }
  return out
}

/**
 * Evaluate one condition. The rules for a key missing from the request follow
 * the IAM reference: `...IfExists` and `ForAllValues:` hold, `ForAnyValue:`
 * fails, negated operators hold, others fail; `Null` tests presence itself.
 */
export function evaluateCondition(condition: CompiledCondition, lookup: KeyLookup): Tri {
  const op = condition.op
  if (op === null) return 'unknown'
  const found = lookup(condition.keyLower)
  if (found === 'unknown') return 'unknown'
  if (op === null_) {
    const isAbsent = found === 'absent' || found.length === 0
    const wants = condition.values.map((value) => value.toLowerCase() === 'true')
    return wants.some((want) => want === isAbsent) ? 'true' : 'false'
  }
  if (found === 'absent') {
    if (condition.ifExists || condition.set === 'all') return 'true'
    if (condition.set === 'any') return 'false'
    return op.negated ? 'true' : 'false'
  }
  const tests = testsFor(condition, op, lookup)
  if (tests === null) return 'unknown'
  // Multiple policy values are OR-ed; a negated operator holds when none match.
  const matchOne = (value: string): boolean => {
    let hit = false
    for (const test of tests) {
      if (test(value)) {
        hit = true
        break
      }
    }
    return op.negated ? !hit : hit
  }
  if (condition.set === 'all') return found.every(matchOne) ? 'true' : 'false'
  if (condition.set === 'any') return found.some(matchOne) ? 'true' : 'false'
  if (found.length === 0) return condition.ifExists || op.negated ? 'true' : 'false'
  // A single-valued operator on a multi-valued key: any value may satisfy it.
  return found.some(matchOne) ? 'true' : 'false'
}

/** Evaluate a block (AND of its conditions); lists the conditions that stayed unknown. */
export function evaluateConditionBlock(
  conditions: readonly CompiledCondition[],
  lookup: KeyLookup,
): { readonly outcome: Tri; readonly unknown: readonly CompiledCondition[] } {
  if (conditions.length === 0) return TRUE_BLOCK
  let unknown: CompiledCondition[] | null = null
  for (const condition of conditions) {
    const outcome = evaluateCondition(condition, lookup)
    if (outcome === 'false') return FALSE_BLOCK
    if (outcome === 'unknown') (unknown ??= []).push(condition)
  }
  return unknown === null ? TRUE_BLOCK : { outcome: 'unknown', unknown }
}

const TRUE_BLOCK = { outcome: 'true', unknown: [] } as const
const FALSE_BLOCK = { outcome: 'false', unknown: [] } as const
