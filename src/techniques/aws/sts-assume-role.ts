/**
 * @module techniques/aws/sts-assume-role
 * Role assumption: sts:AssumeRole with both the identity side and the trust
 * policy evaluated (same account, cross-account, account-root trusts).
 */
import type { Technique } from '../technique.js'
import type { AwsRole } from '../../model/index.js'
import type { AwsTechniqueContext, Grant } from './context.js'
import { actionMatches } from './context.js'
import { techniqueEdge } from './shared.js'

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return []
  return Array.isArray(value) ? value : [value]
}

/**
 * The inventory principals a trust names explicitly, or null when it also
 * admits an account, `*` or a NotPrincipal (then any principal with an
 * identity-side allow may qualify and the evaluator's index is asked).
 * Evaluating only the named principals keeps this linear in trust size.
 */
function namedCandidates(ctx: AwsTechniqueContext, role: AwsRole): string[] | null {
  const out = new Set<string>()
  for (const raw of asArray((role.trustPolicy as { Statement?: unknown }).Statement)) {
    if (raw === null || typeof raw !== 'object') continue
    const st = raw as Record<string, unknown>
    if (st.Effect !== 'Allow' || !asArray(st.Action).some((a) => actionMatches(String(a), 'sts:AssumeRole'))) continue
    if (st.NotPrincipal !== undefined || st.Principal === '*') return null
    const principal = st.Principal
    if (!principal || typeof principal !== 'object') continue
    for (const entry of asArray((principal as Record<string, unknown>).AWS).map(String)) {
      if (entry === '*' || /^\d{12}$/.test(entry) || /:root$/.test(entry)) return null
      const session = /^arn:aws[\w-]*:sts::(\d{12}):assumed-role\/([^/]+)\//.exec(entry)
      const arn = session ? ctx.inventory.roles.find((r) => r.accountId === session[1] && r.name === session[2])?.arn : entry
      if (arn && (ctx.users.has(arn) || ctx.roles.has(arn)) && !ctx.isTierZero(arn)) out.add(arn)
    }
  }
  return [...out]
}

const ID = 'aws/sts-assume-role'

/** sts:AssumeRole, decided by the evaluator over identity policy, trust policy, boundary and SCPs. */
export const stsAssumeRole: Technique<AwsTechniqueContext> = {
  id: ID,
  provider: 'aws',
  edgeKind: 'CanAssume',
  title: 'Assume a role',
  gain: 'assume',
  requires: [{ action: 'sts:AssumeRole', on: 'target role (identity side and trust policy)' }],
  cost: 1,
  seeAlso: { pathfinding: 'sts-001', iamVulnerable: '22', pmapper: 'sts_edges', awspx: 'AssumeRole' },
  text: {
    general: "The role's trust policy admits the principal and the principal's own policies, boundary and SCPs do not stop it. A trust that names the principal's ARN in the same account needs no identity-side allow; a trust that names an account (`arn:aws:iam::<account>:root` or the bare account id) delegates to that account, so the principal's identity policy must allow sts:AssumeRole on the role; cross-account always needs both sides. Trust conditions that cannot be checked offline (sts:ExternalId, MFA, source IP) make the edge conditional.",
    abuse: 'aws sts assume-role --role-arn <role> --role-session-name x [--external-id ...]',
    opsec: 'AssumeRole is logged in CloudTrail in both accounts; the session name is chosen by the caller.',
    remediation: 'Name exact principal ARNs in the trust policy instead of account roots, add sts:ExternalId / aws:PrincipalOrgID conditions for third parties, and remove sts:AssumeRole on `*` from identity policies.',
    references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html', 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html'],
  },
  *detect(ctx) {
    for (const role of ctx.inventory.roles) {
      const named = namedCandidates(ctx, role)
      const allowed: { principal: string; grant: Grant }[] =
        named === null
          ? [...ctx.whoCan('sts:AssumeRole', role.arn)]
          : named.flatMap((principal) => {
              const grant = ctx.allowed(principal, 'sts:AssumeRole', role.arn)
              return grant ? [{ principal, grant }] : []
            })
      for (const { principal, grant } of allowed) {
        if (principal === role.arn) continue
        yield techniqueEdge(stsAssumeRole, principal, role.arn, [grant])
      }
    }
  },
}
