/**
 * @module techniques/aws/iam-self-policy
 * Self-escalation by writing one's own permissions: attach a managed policy
 * or put an inline policy on oneself, or on a group one belongs to. One
 * shared detector, one Technique per (action, target) row.
 */
import type { Technique } from '../technique.js'
import type { AwsTechniqueContext, RequestContext } from './context.js'
import { ADMIN_POLICY_ARN, accountNode, canBecomeAdminByPolicy, inventoryEvidence, techniqueEdge } from './shared.js'

/** One row: which action, on what (self user, self role, or a group of self). */
interface SelfPolicyRow {
  readonly name: string
  readonly action: string
  readonly target: 'user' | 'role' | 'group'
  readonly isAttach: boolean
  readonly seeAlso: Readonly<Record<string, string>>
}

const ROWS: readonly SelfPolicyRow[] = [
  { name: 'attach-user-policy', action: 'iam:AttachUserPolicy', target: 'user', isAttach: true, seeAlso: { pathfinding: 'iam-008', iamVulnerable: '7', pmapper: 'gathering.update_admin_status', pacu: 'AttachUserPolicy', cloudsplaining: 'AttachUserPolicy' } },
  { name: 'attach-group-policy', action: 'iam:AttachGroupPolicy', target: 'group', isAttach: true, seeAlso: { pathfinding: 'iam-010', iamVulnerable: '8', pmapper: 'gathering.update_admin_status', pacu: 'AttachGroupPolicy', cloudsplaining: 'AttachGroupPolicy' } },
  { name: 'attach-role-policy', action: 'iam:AttachRolePolicy', target: 'role', isAttach: true, seeAlso: { pathfinding: 'iam-009', iamVulnerable: '9', pmapper: 'gathering.update_admin_status', pacu: 'AttachRolePolicy', cloudsplaining: 'AttachRolePolicy' } },
  { name: 'put-user-policy', action: 'iam:PutUserPolicy', target: 'user', isAttach: false, seeAlso: { pathfinding: 'iam-007', iamVulnerable: '10', pmapper: 'gathering.update_admin_status', pacu: 'PutUserPolicy', cloudsplaining: 'PutUserPolicy' } },
  { name: 'put-group-policy', action: 'iam:PutGroupPolicy', target: 'group', isAttach: false, seeAlso: { pathfinding: 'iam-011', iamVulnerable: '11', pmapper: 'gathering.update_admin_status', pacu: 'PutGroupPolicy', cloudsplaining: 'PutGroupPolicy' } },
  { name: 'put-role-policy', action: 'iam:PutRolePolicy', target: 'role', isAttach: false, seeAlso: { pathfinding: 'iam-005', iamVulnerable: '12', pmapper: 'gathering.update_admin_status', pacu: 'PutRolePolicy', cloudsplaining: 'PutRolePolicy' } },
]

function makeSelfPolicyTechnique(row: SelfPolicyRow): Technique<AwsTechniqueContext> {
  const id = `aws/iam-self-policy/${row.name}`
  const what = row.isAttach ? 'attach AdministratorAccess' : 'write an inline Allow *:* policy'
  const onto = row.target === 'group' ? 'a group it belongs to' : `itself (an IAM ${row.target})`
  const context: RequestContext | undefined = row.isAttach ? { 'iam:PolicyARN': ADMIN_POLICY_ARN } : undefined
  return {
    id,
    provider: 'aws',
    edgeKind: 'AdminTo',
    title: `${row.action} on ${row.target === 'group' ? 'own group' : 'self'}`,
    gain: 'admin',
    requires: [{ action: row.action, on: row.target === 'group' ? 'group of self' : 'self', ...(row.isAttach ? { context: `iam:PolicyARN=${ADMIN_POLICY_ARN}` } : {}) }],
    cost: 1,
    seeAlso: row.seeAlso,
    text: {
      general: `The principal may call ${row.action} on ${onto}, so it can ${what} and grant itself every permission its boundary and SCPs leave open.`,
      abuse: row.isAttach
        ? `aws iam ${row.action.slice(4).replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()} --${row.target}-name <name> --policy-arn ${ADMIN_POLICY_ARN}`
        : `aws iam ${row.action.slice(4).replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()} --${row.target}-name <name> --policy-name x --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}'`,
      opsec: `${row.action} is a CloudTrail management event that IAM-change alerts usually watch; the change persists until removed.`,
      remediation: `Remove ${row.action} on the principal's own ${row.target} (or scope it with an iam:PolicyARN condition to harmless policies), or add a permissions boundary that denies IAM writes.`,
      references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_manage-attach-detach.html', 'https://pathfinding.cloud/'],
    },
    *detect(ctx) {
      for (const actor of ctx.actors) {
        if (ctx.isTierZero(actor.arn)) continue
        const isUser = ctx.users.has(actor.arn)
        if (row.target === 'role' && isUser) continue
        if (row.target !== 'role' && !isUser) continue
        const targets = row.target === 'group' ? (ctx.users.get(actor.arn)?.groups ?? []) : [actor.arn]
        for (const target of targets) {
          const grant = ctx.allowed(actor.arn, row.action, target, context)
          if (!grant) continue
          if (!canBecomeAdminByPolicy(ctx, actor.arn)) continue
          const extra = row.target === 'group' ? [inventoryEvidence(target, `${actor.name} is a member of this group`)] : []
          yield techniqueEdge({ id, edgeKind: 'AdminTo', cost: 1 }, actor.arn, accountNode(actor.arn), [grant], extra)
          break
        }
      }
    },
  }
}

/** The six self-policy techniques. */
export const IAM_SELF_POLICY_TECHNIQUES: readonly Technique<AwsTechniqueContext>[] = ROWS.map(makeSelfPolicyTechnique)
