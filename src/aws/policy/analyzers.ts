/**
 * @module aws/policy/analyzers
 * The per-policy-type verdicts `{ result, matched, unresolved }`, for callers
 * (reports, explanations) that want to know what one policy type says about a
 * request on its own. The combiner in evaluate.ts uses the same analyses.
 */
import type { AnalysisSummary, GrantKind, PreparedRequest, StatementSet } from './analyze.js'
import { analyzePolicy, analyzeStatementSet, summarise } from './analyze.js'
import type { OrgChain, PrincipalInfo } from './evaluate.js'
import { principalMatcher } from './evaluate.js'
import type { CompiledPolicy, CompiledPrincipal } from './parse.js'

/** Identity-based policies (inline, managed, group) of the caller. */
export function analyzeIdentity(set: StatementSet, req: PreparedRequest): AnalysisSummary {
  return summarise(analyzeStatementSet(set, req))
}

/** The caller's permissions boundary. */
export function analyzeBoundary(set: StatementSet, req: PreparedRequest): AnalysisSummary {
  return summarise(analyzeStatementSet(set, req))
}

/** Session policies passed when the role session was created. */
export function analyzeSession(set: StatementSet, req: PreparedRequest): AnalysisSummary {
  return summarise(analyzeStatementSet(set, req))
}

/** A resource-based policy, as it applies to this caller. */
export function analyzeResource(policy: CompiledPolicy, req: PreparedRequest, caller: PrincipalInfo): AnalysisSummary {
  return summarise(analyzePolicy(policy, req, principalMatcher(caller) as (p: CompiledPrincipal) => GrantKind | null))
}

/** A role trust policy, as it applies to this caller. */
export function analyzeTrust(policy: CompiledPolicy, req: PreparedRequest, caller: PrincipalInfo): AnalysisSummary {
  return analyzeResource(policy, req, caller)
}

/** An SCP or RCP chain: allowed only when every level allows; any Deny denies. */
function analyzeChain(chain: OrgChain, req: PreparedRequest): AnalysisSummary {
  const levels = chain.levels.filter((level): level is StatementSet => level !== null && level.size > 0).map((level) => summarise(analyzeStatementSet(level, req)))
  const denied = levels.filter((level) => level.result === 'explicitDeny')
  if (denied.length > 0) return { result: 'explicitDeny', matched: denied.flatMap((l) => l.matched), unresolved: [] }
  if (levels.some((level) => level.result !== 'allowed')) return { result: 'implicitDeny', matched: [], unresolved: [] }
  return { result: 'allowed', matched: levels.flatMap((l) => l.matched), unresolved: levels.flatMap((l) => l.unresolved) }
}

/** The SCP chain of the caller's account. */
export function analyzeScp(chain: OrgChain, req: PreparedRequest): AnalysisSummary {
  return analyzeChain(chain, req)
}

/** The RCP chain of the resource's account. */
export function analyzeRcp(chain: OrgChain, req: PreparedRequest): AnalysisSummary {
  return analyzeChain(chain, req)
}
