/**
 * @module aws/policy/evaluate
 * The combiner: per-policy-type analyses → one decision, following the IAM
 * evaluation flowchart. Pure: the caller (the authorizer) prepares the
 * request and hands in compiled statement sets.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
 *
 * The rules, in order:
 * 1. A Deny that certainly applies in any policy (identity, resource/trust,
 *    boundary, session, SCP, RCP) → `explicitDeny`.
 * 2. SCPs (principal's account, when a member that is not the management
 *    account, and the principal is not a service-linked role) and RCPs
 *    (resource's account, for services that support RCPs, not for
 *    service-linked roles or service principals): every level root → OUs →
 *    account must have an applicable Allow; a level with no policy in the data
 *    is taken as FullAWSAccess. Otherwise `implicitDeny`.
 * 3. The grant. Identity side = identity Allow AND boundary Allow (if any) AND
 *    session Allow (if any). Resource side per statement, by how it names the caller:
 *    same account: user ARN / role-session ARN → grants alone; role ARN or `*` →
 *    needs boundary and session but not identity; account → needs the identity side.
 *    Cross account: every resource grant needs the identity side too.
 *    Same account: identity OR resource; cross account: resource (which includes identity).
 *    Role trust policies and KMS key policies must grant (SERVICE_RULES): identity alone never suffices.
 *    The root user's identity side allows everything (except: it cannot assume roles).
 * 4. Unknown conditions (three-valued logic). An Allow whose conditions are unknown
 *    grants conditionally (its conditions listed). A Deny whose conditions are unknown
 *    does not deny; the request, if otherwise allowed, becomes conditional with the
 *    Deny's conditions listed `negated: true` ("allowed unless these hold").
 */
import type { ConditionRef } from '../../model/index.js'
import type { GrantKind, PolicyAnalysis, PreparedRequest, StatementHit, StatementSet } from './analyze.js'
import { analyzePolicy, analyzeStatementSet, toMatched } from './analyze.js'
import type { CompiledPolicy, CompiledPrincipal } from './parse.js'
import type { EvaluationResult, MatchedStatement } from './types.js'

/** What kind of caller this is. */
export type PrincipalKind = 'user' | 'role' | 'root' | 'service' | 'federated' | 'external'

/** The caller, resolved against the inventory. */
export interface PrincipalInfo {
  /** The ARN (or service principal name) as requested. */
  readonly arn: string
  readonly kind: PrincipalKind
  readonly account: string | null
  /** For roles and role sessions: the role ARN. */
  readonly roleArn: string | null
  /** For a role session given by its `assumed-role` ARN. */
  readonly sessionArn: string | null
  readonly isServiceLinked: boolean
}

/** The resource, resolved against the inventory. */
export interface ResourceInfo {
  readonly arn: string
  readonly account: string | null
  /** The resource-based policy (bucket policy, key policy) or, for sts on a role, the trust policy. */
  readonly policy: CompiledPolicy | null
}

/** Everything the combiner needs besides the request. */
export interface EvaluationInputs {
  readonly principal: PrincipalInfo
  readonly resource: ResourceInfo
  /** Identity-based statements; null when the caller has none modelled (service principals, root, external). */
  readonly identity: StatementSet | null
  readonly boundary: StatementSet | null
  readonly session: StatementSet | null
  /** SCP chain of the caller's account; null when SCPs do not apply. */
  readonly scpChain: OrgChain | null
  /** RCP chain of the resource's account; null when RCPs do not apply. */
  readonly rcpChain: OrgChain | null
}

/** The verdict of an org-policy chain for one request. */
export interface ChainResult {
  readonly outcome: Outcome
  readonly analyses: readonly PolicyAnalysis[]
}

/** An SCP or RCP chain: levels root → OUs → account (null = no policy in the data at that level). */
export interface OrgChain {
  readonly levels: readonly (StatementSet | null)[]
  /**
   * Memo of verdicts by action, present only when every level is action-only
   * (no conditions, Resource `*`): then the verdict depends on nothing else.
   * Owned by the authorizer that built the chain; a cache, not shared state.
   */
  readonly memo: Map<string, ChainResult> | null
}

/** An allow path: the conditions it needs and the statements behind it; null = no path. */
export type Outcome = { readonly refs: readonly ConditionRef[]; readonly hits: readonly StatementHit[] } | null

const YES: Outcome = { refs: [], hits: [] }

/** The best allow of one analysis: every certain Allow, else the conditional one needing fewest conditions. */
function allowOf(analysis: PolicyAnalysis): Outcome {
  if (analysis.allows.length === 0) return null
  let certain: StatementHit[] | null = null
  let best: StatementHit | null = null
  for (const hit of analysis.allows) {
    if (hit.refs.length === 0) (certain ??= []).push(hit)
    else if (best === null || hit.refs.length < best.refs.length) best = hit
  }
  if (certain !== null) return { refs: [], hits: certain }
  return best === null ? null : { refs: best.refs, hits: [best] }
}

/** Only the conditions of a gate count (its Allow statements are not what grants the request). */
function gateOf(outcome: Outcome): Outcome {
  return outcome === null || outcome.refs.length === 0 ? (outcome === null ? null : YES) : { refs: outcome.refs, hits: [] }
}

/** Both paths must hold: conditions and statements add up. No allocation when one side is trivial. */
function and(a: Outcome, b: Outcome): Outcome {
  if (a === null || b === null) return null
  if (b.refs.length === 0 && b.hits.length === 0) return a
  if (a.refs.length === 0 && a.hits.length === 0) return b
  return {
    refs: a.refs.length === 0 ? b.refs : b.refs.length === 0 ? a.refs : [...a.refs, ...b.refs],
    hits: a.hits.length === 0 ? b.hits : b.hits.length === 0 ? a.hits : [...a.hits, ...b.hits],
  }
}

/** Alternatives: an unconditional one wins, else the one needing fewest conditions. */
function or(a: Outcome, b: Outcome): Outcome {
  if (a === null) return b
  if (b === null) return a
  return b.refs.length < a.refs.length ? b : a
}

/** Every level of an org-policy chain must allow. */
function chainGate(chain: OrgChain | null, req: PreparedRequest): ChainResult {
  if (chain === null) return OPEN_CHAIN
  const memo = chain.memo
  if (memo !== null) {
    const cached = memo.get(req.actionLower)
    if (cached !== undefined) return cached
  }
  let outcome: Outcome = YES
  const analyses: PolicyAnalysis[] = []
  for (const level of chain.levels) {
    // A level without any policy in the data: taken as FullAWSAccess (AWS never leaves a level empty).
    if (level === null || level.size === 0) continue
    const analysis = analyzeStatementSet(level, req)
    analyses.push(analysis)
    outcome = and(outcome, gateOf(allowOf(analysis)))
  }
  const result: ChainResult = { outcome, analyses }
  if (memo !== null) memo.set(req.actionLower, result)
  return result
}

const OPEN_CHAIN: ChainResult = { outcome: YES, analyses: [] }

/** How a resource-side Principal element names this caller (strongest naming wins). */
export function principalMatcher(who: PrincipalInfo): (principal: CompiledPrincipal) => GrantKind | null {
  return (p) => {
    if (who.kind === 'service') return p.services.has(who.arn.toLowerCase()) || p.isAny ? 'service' : null
    if (who.kind === 'federated') return p.federated.has(who.arn) ? 'service' : p.isAny ? 'any' : null
    let best: GrantKind | null = null
    for (const ref of p.aws) {
      switch (ref.kind) {
        case 'account':
          if (ref.account === who.account) {
            if (who.kind === 'root') return 'principal'
            best ??= 'account'
          }
          break
        case 'user':
          if (who.kind === 'user' && ref.arn === who.arn) return 'principal'
          break
        case 'role':
          if (who.roleArn === ref.arn) best = 'role'
          break
        case 'session':
          if (who.sessionArn !== null && who.sessionArn === ref.arn) return 'principal'
          break
        case 'other':
          if (ref.arn === who.arn) return 'principal'
          break
      }
    }
    if (p.isAny && (best === null || best === 'account')) best = 'any'
    return best
  }
}

const IMPLICIT_DENY: EvaluationResult = { decision: 'implicitDeny', conditional: false, unresolvedConditions: [], matched: [] }

/** Decide one prepared request. */
export function evaluatePrepared(req: PreparedRequest, inputs: EvaluationInputs): EvaluationResult {
  const { principal, resource } = inputs
  const rule = req.rule

  const identity = inputs.identity === null ? null : analyzeStatementSet(inputs.identity, req)
  const boundary = inputs.boundary === null ? null : analyzeStatementSet(inputs.boundary, req)
  const session = inputs.session === null ? null : analyzeStatementSet(inputs.session, req)
  const resourceAnalysis = resource.policy === null ? null : analyzePolicy(resource.policy, req, principalMatcher(principal))
  const scpResult = chainGate(inputs.scpChain, req)
  const rcpResult = chainGate(inputs.rcpChain, req)
  // Every analysis that can carry a Deny, in a fixed order (the order of `matched`).
  const analyses: (PolicyAnalysis | null)[] = [identity, boundary, session, resourceAnalysis, ...scpResult.analyses, ...rcpResult.analyses]

  // 1. Explicit deny anywhere wins.
  let denies: MatchedStatement[] | null = null
  for (const analysis of analyses) if (analysis !== null) for (const hit of analysis.denies) (denies ??= []).push(toMatched(hit.stmt))
  if (denies !== null) return { decision: 'explicitDeny', conditional: false, unresolvedConditions: [], matched: denies }

  // 2. Organisation guardrails.
  const scp = scpResult.outcome
  const rcp = rcpResult.outcome
  if (scp === null || rcp === null) return IMPLICIT_DENY

  // 3. The grant.
  const boundaryGate = boundary === null ? YES : gateOf(allowOf(boundary))
  const sessionGate = session === null ? YES : gateOf(allowOf(session))
  let identitySide: Outcome
  switch (principal.kind) {
    case 'root':
    case 'external':
      // Root: everything in its own account. Outside principals: their own account decides; assumed to allow.
      identitySide = YES
      break
    case 'service':
    case 'federated':
      identitySide = null
      break
    case 'user':
    case 'role':
      identitySide = identity === null ? null : and(and(allowOf(identity), boundaryGate), sessionGate)
      break
  }
  if (principal.kind === 'root' && rule?.rootForbidden?.(req.actionLower) === true) return IMPLICIT_DENY

  const sameAccount = principal.account !== null && principal.account === resource.account
  let resourceSide: Outcome = null
  if (resourceAnalysis !== null) {
    for (const hit of resourceAnalysis.allows) {
      const own: Outcome = { refs: hit.refs, hits: [hit] }
      let path: Outcome
      if (hit.grant === 'service') path = own
      else if (!sameAccount || hit.grant === 'account') path = and(own, identitySide)
      else if (hit.grant === 'principal') path = own
      else path = and(and(own, boundaryGate), sessionGate) // role ARN or `*`: boundary and session still limit
      resourceSide = or(resourceSide, path)
    }
  }
  const mustUseResourcePolicy = rule?.requiresResourcePolicy(req.actionLower, resource.arn) === true
  const grant = mustUseResourcePolicy || !sameAccount ? resourceSide : or(identitySide, resourceSide)

  const final = and(and(scp, rcp), grant)
  if (final === null) return IMPLICIT_DENY

  // 4. Denies that hang on unknown conditions make the allow conditional.
  let refs: readonly ConditionRef[] = final.refs
  const matched: MatchedStatement[] = final.hits.map((hit) => toMatched(hit.stmt))
  for (const analysis of analyses) {
    if (analysis === null) continue
    for (const hit of analysis.conditionalDenies) {
      refs = refs.concat(hit.refs)
      matched.push(toMatched(hit.stmt))
    }
  }
  return { decision: 'allowed', conditional: refs.length > 0, unresolvedConditions: refs, matched }
}
