/**
 * @module aws/policy/analyze
 * Per-policy-type analysis: which statements of one policy set apply to a
 * request (action, resource or resource pattern, principal, conditions), and
 * the set's own verdict `allowed | explicitDeny | implicitDeny`. Statements
 * whose applicability hangs on an unknown context key are kept apart with the
 * conditions that decide them, so the combiner can answer "allowed if".
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
 */
import type { ConditionRef } from '../../model/index.js'
import type { MatchOutcome } from './arn.js'
import { arnPatternCovers, arnPatternOverlaps, matchArn } from './arn.js'
import { evaluateConditionBlock } from './conditions/index.js'
import type { CompiledPolicy, CompiledPrincipal, CompiledStatement } from './parse.js'
import { statementMatchesAction } from './parse.js'
import type { ServiceRule } from './service-rules.js'
import type { Decision, MatchedStatement } from './types.js'
import type { KeyLookup } from './variables.js'

/**
 * How a resource-side statement names the caller. The kind decides which
 * identity-side policies still apply (policy evaluation logic, "resource-based
 * policies"): `principal` = the user ARN or the exact role-session ARN;
 * `role` = the role ARN behind a session; `any` = `*`; `account` = the
 * caller's account (a delegation: identity policies must also allow);
 * `service` = an AWS service principal, federated provider or canonical user.
 */
export type GrantKind = 'principal' | 'role' | 'any' | 'account' | 'service'

/** A statement that applies, with the conditions it still needs (empty = certain). */
export interface StatementHit {
  readonly stmt: CompiledStatement
  readonly refs: readonly ConditionRef[]
  /** For resource-side statements: how the caller is named. */
  readonly grant: GrantKind | null
}

/** The verdict of one policy set. */
export interface PolicyAnalysis {
  readonly result: Decision
  /** Allow statements that apply (certain and conditional). */
  readonly allows: readonly StatementHit[]
  /** Deny statements that certainly apply. */
  readonly denies: readonly StatementHit[]
  /** Deny statements that apply only if unknown conditions hold. */
  readonly conditionalDenies: readonly StatementHit[]
}

/**
 * How the request names its resource: one concrete ARN, or a pattern for a
 * resource the caller would create ("exists": is some name of this shape
 * allowed?), or a pattern where every name must be allowed ("all").
 */
export type ResourceMode = 'concrete' | 'exists' | 'all'

/** A request after the evaluator prepared it. */
export interface PreparedRequest {
  readonly actionLower: string
  readonly service: string
  /** The service's quirk from SERVICE_RULES, looked up once per action. */
  readonly rule: ServiceRule | null
  readonly resource: string
  /** Offsets of the resource ARN's first five colons (null for `*` or a non-ARN). */
  readonly resourceColons: readonly number[] | null
  readonly resourceMode: ResourceMode
  readonly lookup: KeyLookup
  /** True when the caller has a permissions boundary (the NotPrincipal + Deny quirk). */
  readonly hasBoundary: boolean
}

/** Statements of several policies indexed by the service prefixes they can match. */
export interface StatementSet {
  readonly byService: ReadonlyMap<string, readonly CompiledStatement[]>
  /** Statements that can match any service (`*`, `iam*:`, NotAction). */
  readonly wildcard: readonly CompiledStatement[]
  readonly size: number
  /** True when no statement depends on the resource, the principal or the context (only on the action). */
  readonly isActionOnly: boolean
}

/** Index the statements of some policies by service prefix. */
export function buildStatementSet(policies: readonly CompiledPolicy[]): StatementSet {
  const byService = new Map<string, CompiledStatement[]>()
  const wildcard: CompiledStatement[] = []
  let size = 0
  let isActionOnly = true
  for (const policy of policies) {
    for (const stmt of policy.statements) {
      size++
      if (!stmt.isActionOnly) isActionOnly = false
      const services = stmt.actions.services
      if (services === null) wildcard.push(stmt)
      else
        for (const service of services) {
          const list = byService.get(service)
          if (list === undefined) byService.set(service, [stmt])
          else list.push(stmt)
        }
    }
  }
  return { byService, wildcard, size, isActionOnly }
}

/** The empty statement set. */
export const EMPTY_SET: StatementSet = { byService: new Map(), wildcard: [], size: 0, isActionOnly: true }

/** Turn a compiled statement into the public MatchedStatement shape. */
export function toMatched(stmt: CompiledStatement): MatchedStatement {
  return { policy: stmt.policy, policyType: stmt.policyType, statement: stmt.index, sid: stmt.sid, effect: stmt.effect }
}

/** A ConditionRef for a statement's unknown condition. */
function conditionRef(stmt: CompiledStatement, operator: string, key: string, values: readonly string[]): ConditionRef {
  return { operator, key, values, policy: stmt.policy, statement: stmt.index, ...(stmt.effect === 'Deny' ? { negated: true } : {}) }
}

/** Match one resource pattern in the request's mode. */
function matchPattern(stmt: CompiledStatement, index: number, req: PreparedRequest, wantCover: boolean): MatchOutcome {
  const pattern = stmt.resources?.patterns[index]
  if (pattern === undefined) return false
  if (req.resourceMode === 'concrete') {
    if (pattern.testSplit !== null) return req.resourceColons !== null && pattern.testSplit(req.resource, req.resourceColons)
    return matchArn(pattern, req.resource, req.lookup)
  }
  return wantCover ? arnPatternCovers(pattern, req.resource, req.lookup) : arnPatternOverlaps(pattern, req.resource, req.lookup)
}

/**
 * Resource / NotResource applicability: true, false, or the variables it
 * needs. For a resource pattern, an Allow needs only overlap ("exists a
 * name") while a Deny must cover every name; NotResource uses the dual test.
 */
function resourceApplies(stmt: CompiledStatement, req: PreparedRequest): true | false | string[] {
  const resources = stmt.resources
  if (resources === null) return true
  const wantCoverPositive = stmt.effect === 'Deny' || req.resourceMode === 'all'
  const wantCover = resources.isNegated ? !wantCoverPositive : wantCoverPositive
  let unknown: string[] | null = null
  for (let i = 0; i < resources.patterns.length; i++) {
    const outcome = matchPattern(stmt, i, req, wantCover)
    if (outcome === true) return !resources.isNegated
    if (outcome !== false) (unknown ??= []).push(outcome.unknownKey)
  }
  if (unknown !== null) return unknown
  return resources.isNegated
}

/**
 * Does one statement apply? Returns null when it does not, otherwise the
 * hit with the conditions it still needs. `matchPrincipal` is given for
 * resource-side policies.
 */
export function statementHit(
  stmt: CompiledStatement,
  req: PreparedRequest,
  matchPrincipal: ((principal: CompiledPrincipal) => GrantKind | null) | null,
): StatementHit | null {
  if (!statementMatchesAction(stmt.actions, req.actionLower)) return null
  let grant: GrantKind | null = null
  if (stmt.principal !== null && matchPrincipal !== null) {
    const named = matchPrincipal(stmt.principal)
    if (stmt.isNotPrincipal) {
      // https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html : a Deny with
      // NotPrincipal always denies principals that have a permissions boundary.
      if (named !== null && !(stmt.effect === 'Deny' && req.hasBoundary)) return null
      grant = 'any'
    } else {
      if (named === null) return null
      grant = named
    }
  }
  const resource = resourceApplies(stmt, req)
  if (resource === false) return null
  let refs: ConditionRef[] | null = null
  if (resource !== true) {
    refs = resource.map((key) =>
      conditionRef(stmt, 'PolicyVariable', key, stmt.resources?.patterns.map((p) => p.source) ?? []),
    )
  }
  if (stmt.conditions.length > 0) {
    const block = evaluateConditionBlock(stmt.conditions, req.lookup)
    if (block.outcome === 'false') return null
    for (const condition of block.unknown) (refs ??= []).push(conditionRef(stmt, condition.operator, condition.key, condition.values))
  }
  return { stmt, refs: refs ?? NO_REFS, grant }
}

const NO_REFS: readonly ConditionRef[] = []

const NO_HITS: readonly StatementHit[] = []

/**
 * Scan up to two statement lists (the service bucket and the wildcard bucket)
 * and sort the applicable statements into allows, certain denies and
 * conditional denies. Written as one loop with locals: it runs millions of times.
 */
function scan(
  first: readonly CompiledStatement[] | undefined,
  second: readonly CompiledStatement[] | undefined,
  req: PreparedRequest,
  matchPrincipal: ((principal: CompiledPrincipal) => GrantKind | null) | null,
): PolicyAnalysis {
  let allows: StatementHit[] | null = null
  let denies: StatementHit[] | null = null
  let conditionalDenies: StatementHit[] | null = null
  for (let pass = 0; pass < 2; pass++) {
    const list = pass === 0 ? first : second
    if (list === undefined) continue
    for (let i = 0; i < list.length; i++) {
      const stmt = list[i] as CompiledStatement
      const hit = statementHit(stmt, req, matchPrincipal)
      if (hit === null) continue
      if (stmt.effect === 'Allow') (allows ??= []).push(hit)
      else if (hit.refs.length === 0) (denies ??= []).push(hit)
      else (conditionalDenies ??= []).push(hit)
    }
  }
  if (allows === null && denies === null && conditionalDenies === null) return NOTHING_APPLIES
  const result: Decision = denies !== null ? 'explicitDeny' : allows !== null ? 'allowed' : 'implicitDeny'
  return { result, allows: allows ?? NO_HITS, denies: denies ?? NO_HITS, conditionalDenies: conditionalDenies ?? NO_HITS }
}

/** Analyze an indexed statement set (identity, boundary, session, SCP, RCP). */
export function analyzeStatementSet(
  set: StatementSet,
  req: PreparedRequest,
  matchPrincipal: ((principal: CompiledPrincipal) => GrantKind | null) | null = null,
): PolicyAnalysis {
  return scan(set.byService.get(req.service), set.wildcard.length > 0 ? set.wildcard : undefined, req, matchPrincipal)
}

/** Analyze one policy's statements without an index (resource, trust, session policies). */
export function analyzePolicy(
  policy: CompiledPolicy,
  req: PreparedRequest,
  matchPrincipal: ((principal: CompiledPrincipal) => GrantKind | null) | null = null,
): PolicyAnalysis {
  return scan(policy.statements, undefined, req, matchPrincipal)
}

/** The analysis of a set where no statement applies. */
const NOTHING_APPLIES: PolicyAnalysis = { result: 'implicitDeny', allows: NO_HITS, denies: NO_HITS, conditionalDenies: NO_HITS }

/** A policy set that says nothing (used where a policy type does not apply). */
export const NOT_APPLICABLE: PolicyAnalysis = { result: 'allowed', allows: NO_HITS, denies: NO_HITS, conditionalDenies: NO_HITS }

/** The public summary of one analysis: `{ result, matched, unresolved }`. */
export interface AnalysisSummary {
  readonly result: Decision
  readonly matched: readonly MatchedStatement[]
  readonly unresolved: readonly ConditionRef[]
}

/** Summarise an analysis for callers that want one policy type's verdict. */
export function summarise(analysis: PolicyAnalysis): AnalysisSummary {
  if (analysis.result === 'explicitDeny') return { result: 'explicitDeny', matched: analysis.denies.map((h) => toMatched(h.stmt)), unresolved: [] }
  const certain = analysis.allows.filter((h) => h.refs.length === 0)
  const chosen = certain.length > 0 ? certain : bestConditional(analysis.allows)
  const unresolved = [...chosen.flatMap((h) => h.refs), ...analysis.conditionalDenies.flatMap((h) => h.refs)]
  return {
    result: analysis.result,
    matched: [...chosen, ...(analysis.result === 'allowed' ? analysis.conditionalDenies : [])].map((h) => toMatched(h.stmt)),
    unresolved: analysis.result === 'allowed' ? unresolved : [],
  }
}

/** The conditional allow needing the fewest conditions (alternatives are OR-ed; we report one). */
export function bestConditional(hits: readonly StatementHit[]): StatementHit[] {
  let best: StatementHit | null = null
  for (const hit of hits) if (best === null || hit.refs.length < best.refs.length) best = hit
  return best === null ? [] : [best]
}
