/**
 * @module techniques/aws/admin-equivalent
 * Tier zero: a principal the evaluator finds admin-equivalent reaches its
 * account node. Decided by evaluation (full access left open by every
 * boundary and SCP), never by policy names; the probes below only explain it.
 */
import type { EdgeInput, Evidence, NonEmpty } from '../../model/index.js'
import type { Technique } from '../technique.js'
import type { AwsTechniqueContext } from './context.js'
import { evidenceOf } from './context.js'
import { accountNode } from './shared.js'

/** Requests tried, in order, to find the statements behind an admin verdict. */
const ADMIN_PROBES: readonly { action: string; resource: (account: string) => string }[] = [
  { action: 'iam:AttachRolePolicy', resource: (a) => `arn:aws:iam::${a}:role/*` },
  { action: 'iam:PutUserPolicy', resource: (a) => `arn:aws:iam::${a}:user/*` },
  { action: 'iam:CreatePolicyVersion', resource: (a) => `arn:aws:iam::${a}:policy/*` },
  { action: 'iam:PassRole', resource: (a) => `arn:aws:iam::${a}:role/*` },
]

/** The statements behind an admin verdict. */
function adminEvidence(ctx: AwsTechniqueContext, principal: string): NonEmpty<Evidence> {
  const account = ctx.accountOf(principal)
  for (const probe of ADMIN_PROBES) {
    const resource = probe.resource(account)
    const result = ctx.evaluate(principal, probe.action, resource)
    if (result.decision === 'allowed') return evidenceOf(result, probe.action, resource)
  }
  return [{ type: 'inventory', policy: principal, statement: null, note: 'admin-equivalent by evaluation' }]
}

/** Admin-equivalent principals → their AWSAccount node. */
export const adminEquivalent: Technique<AwsTechniqueContext> = {
  id: 'aws/admin-equivalent',
  provider: 'aws',
  edgeKind: 'AdminTo',
  title: 'Admin-equivalent principal',
  gain: 'admin',
  requires: [{ action: '*', on: '*' }],
  cost: 1,
  seeAlso: { pmapper: 'gathering.update_admin_status', pacu: 'Action:* on Resource:*' },
  text: {
    general: 'The evaluator finds that the principal may do anything in its account: its identity policies allow every action on every resource and no boundary or SCP takes anything essential away (e.g. `*` on `*`, or `iam:*` plus `NotAction: iam:*`). It is tier zero.',
    abuse: 'Use the principal directly.',
    opsec: 'None needed: the principal is already an administrator.',
    remediation: 'Keep the number of admin-equivalent principals small, require MFA for humans, and review break-glass users regularly.',
    references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html'],
  },
  *detect(ctx): Iterable<EdgeInput> {
    for (const actor of ctx.actors) {
      if (!ctx.isTierZero(actor.arn)) continue
      const verdict = ctx.authorizer.isAdminEquivalent(actor.arn)
      const evidence = verdict.matched.length > 0 ? evidenceOf({ decision: 'allowed', conditional: verdict.conditional, unresolvedConditions: [], matched: verdict.matched }, '*', '*') : adminEvidence(ctx, actor.arn)
      yield { from: actor.arn, to: accountNode(actor.arn), kind: 'AdminTo', technique: 'aws/admin-equivalent', evidence, conditions: verdict.unresolvedConditions, cost: 1 }
    }
  },
}
