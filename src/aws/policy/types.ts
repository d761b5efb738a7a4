/**
 * @module aws/policy/types
 * The public vocabulary of the AWS evaluator: requests, decisions and the
 * statements behind them. Techniques, reports and the CLI use only these.
 */
import type { ConditionRef } from '../../model/index.js'

/** The decision vocabulary, spelled as in DESIGN.md everywhere. */
export const DECISIONS = ['allowed', 'explicitDeny', 'implicitDeny'] as const
/** A decision. */
export type Decision = (typeof DECISIONS)[number]

/** Which kind of policy a statement came from. */
export type AwsPolicyType = 'identity' | 'resource' | 'trust' | 'permissions-boundary' | 'scp' | 'rcp' | 'session'

/** A statement that took part in a decision. */
export interface MatchedStatement {
  /** Policy id: managed policy ARN, `<principalArn>#inline/<name>`, `<roleArn>#trust`, `<resourceArn>#policy`, SCP id. */
  readonly policy: string
  readonly policyType: AwsPolicyType
  /** Zero-based statement index. */
  readonly statement: number
  readonly sid: string | null
  readonly effect: 'Allow' | 'Deny'
}

/** One authorisation question. */
export interface AwsRequest {
  /** ARN of an inventory principal (user, role, or `arn:aws:sts::<acct>:assumed-role/<role>/<session>`), or of an outside principal. */
  readonly principal: string
  /** `service:Action`, any letter case. */
  readonly action: string
  /**
   * The resource ARN. For a resource the attacker would create (a new function,
   * a new instance) pass a pattern with `*` wildcards: the evaluator then answers
   * "is there a name of this shape that is allowed" (an Allow whose Resource can
   * overlap the pattern, no Deny that covers all of it).
   */
  readonly resource: string
  /** Known request context (`aws:SourceIp`, `iam:PassedToService`, ...). Missing keys are unknown, not absent. */
  readonly context?: Readonly<Record<string, string | readonly string[]>>
  /** Context keys known to be absent from the request (e.g. `aws:MultiFactorAuthPresent` for a long-term access key). */
  readonly absentKeys?: readonly string[]
  /**
   * For a resource pattern: `exists` (default) asks whether some name of this
   * shape is allowed; `all` asks whether every name is (an Allow must cover the
   * pattern). Ignored for a concrete ARN and for the literal `*`.
   */
  readonly resourceMode?: 'exists' | 'all'
  /** Session policy documents for an assumed session. */
  readonly sessionPolicies?: readonly unknown[]
}

/** The answer, with its why. */
export interface EvaluationResult {
  readonly decision: Decision
  /** True when the decision is `allowed` only if `unresolvedConditions` hold. */
  readonly conditional: boolean
  readonly unresolvedConditions: readonly ConditionRef[]
  /**
   * The statements that decided it: the Deny statements that block it, or the
   * Allow statements that grant it (identity or resource/trust side; the
   * boundary, session, SCP and RCP Allows that merely let it through are not
   * listed) followed by any Deny whose unknown conditions make it conditional.
   */
  readonly matched: readonly MatchedStatement[]
}
