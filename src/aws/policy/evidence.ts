/**
 * @module aws/policy/evidence
 * Turn the evaluator's MatchedStatement into the model's Evidence, so that
 * techniques and reports cite the statements that decided a request.
 */
import type { Evidence, EvidenceType } from '../../model/index.js'
import type { AwsPolicyType, MatchedStatement } from './types.js'

/** Policy type → evidence type. */
export const EVIDENCE_TYPE_OF: Readonly<Record<AwsPolicyType, EvidenceType>> = {
  identity: 'identity-policy',
  resource: 'resource-policy',
  trust: 'trust-policy',
  'permissions-boundary': 'permissions-boundary',
  scp: 'scp',
  rcp: 'rcp',
  session: 'session-policy',
}

/** Evidence for one matched statement, with the action and resource it was asked about. */
export function toEvidence(matched: MatchedStatement, action: string | null = null, resource: string | null = null): Evidence {
  return {
    type: EVIDENCE_TYPE_OF[matched.policyType],
    policy: matched.policy,
    statement: matched.statement,
    sid: matched.sid,
    action,
    resource,
  }
}
