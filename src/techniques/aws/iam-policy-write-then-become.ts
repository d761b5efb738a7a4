/**
 * @module techniques/aws/iam-policy-write-then-become
 * Two-step escalation ("principal access" combos): give another principal
 * full access, then become it (assume it, rewrite its trust, or mint its
 * credentials). The result is admin for the caller, so the edge goes to
 * the target's account.
 */
import type { AwsUser } from '../../model/index.js'
import type { Technique } from '../technique.js'
import type { AwsTechniqueContext, Grant } from './context.js'
import { ADMIN_POLICY_ARN, accountNode, canBecomeAdminByPolicy, inventoryEvidence, memo, techniqueEdge } from './shared.js'

type WriteKind = 'attach-role-policy' | 'put-role-policy' | 'create-policy-version' | 'attach-user-policy' | 'put-user-policy' | 'group-policy'
type BecomeKind = 'assume' | 'update-trust' | 'create-key'

interface ComboRow {
  readonly name: string
  readonly write: WriteKind
  readonly become: BecomeKind
  readonly seeAlso: Readonly<Record<string, string>>
}

const ROWS: readonly ComboRow[] = [
  { name: 'attach-role-policy+assume', write: 'attach-role-policy', become: 'assume', seeAlso: { pathfinding: 'iam-014', pacu: 'AttachRolePolicy', cloudsplaining: 'AttachRolePolicy' } },
  { name: 'put-role-policy+assume', write: 'put-role-policy', become: 'assume', seeAlso: { pathfinding: 'iam-017', pacu: 'PutRolePolicy', cloudsplaining: 'PutRolePolicy' } },
  { name: 'create-policy-version+assume', write: 'create-policy-version', become: 'assume', seeAlso: { pathfinding: 'iam-016', cloudsplaining: 'CreatePolicyVersionThenAssumeRole' } },
  { name: 'attach-user-policy+create-key', write: 'attach-user-policy', become: 'create-key', seeAlso: { pathfinding: 'iam-015', cloudsplaining: 'AttachUserPolicyThenCreateAccessKey' } },
  { name: 'put-user-policy+create-key', write: 'put-user-policy', become: 'create-key', seeAlso: { pathfinding: 'iam-018', cloudsplaining: 'PutUserPolicyThenCreateAccessKey' } },
  { name: 'attach-role-policy+update-trust', write: 'attach-role-policy', become: 'update-trust', seeAlso: { pathfinding: 'iam-019', cloudsplaining: 'AttachRolePolicyThenUpdateAssumeRolePolicy' } },
  { name: 'create-policy-version+update-trust', write: 'create-policy-version', become: 'update-trust', seeAlso: { pathfinding: 'iam-020', cloudsplaining: 'CreatePolicyVersionThenUpdateAssumeRolePolicy' } },
  { name: 'put-role-policy+update-trust', write: 'put-role-policy', become: 'update-trust', seeAlso: { pathfinding: 'iam-021', cloudsplaining: 'PutRolePolicyThenUpdateAssumeRolePolicy' } },
  { name: 'group-policy+member-key', write: 'group-policy', become: 'create-key', seeAlso: {} },
]

const WRITE_ACTION: Readonly<Record<WriteKind, string>> = {
  'attach-role-policy': 'iam:AttachRolePolicy',
  'put-role-policy': 'iam:PutRolePolicy',
  'create-policy-version': 'iam:CreatePolicyVersion',
  'attach-user-policy': 'iam:AttachUserPolicy',
  'put-user-policy': 'iam:PutUserPolicy',
  'group-policy': 'iam:PutGroupPolicy | iam:AttachGroupPolicy | iam:CreatePolicyVersion',
}
const BECOME_ACTION: Readonly<Record<BecomeKind, string>> = {
  assume: 'sts:AssumeRole',
  'update-trust': 'iam:UpdateAssumeRolePolicy',
  'create-key': 'iam:CreateAccessKey',
}

/** Who may write full access onto `target` (a role, a user, or a group), with the grant and a note. */
function writers(ctx: AwsTechniqueContext, kind: WriteKind, target: string): { principal: string; grant: Grant; note: string | null; notePolicy?: string }[] {
  const out: { principal: string; grant: Grant; note: string | null; notePolicy?: string }[] = []
  const viaPolicies = (): void => {
    for (const { policy, via } of ctx.attachedPolicies(target)) {
      if (policy.isAwsManaged || via !== target) continue
      for (const w of ctx.whoCan('iam:CreatePolicyVersion', policy.arn)) out.push({ ...w, note: `customer-managed policy attached to ${target}`, notePolicy: policy.arn })
    }
  }
  switch (kind) {
    case 'attach-role-policy':
    case 'attach-user-policy':
      for (const w of ctx.whoCan(WRITE_ACTION[kind], target, { 'iam:PolicyARN': ADMIN_POLICY_ARN })) out.push({ ...w, note: null })
      break
    case 'put-role-policy':
    case 'put-user-policy':
      for (const w of ctx.whoCan(WRITE_ACTION[kind], target)) out.push({ ...w, note: null })
      break
    case 'create-policy-version':
      viaPolicies()
      break
    case 'group-policy':
      for (const w of ctx.whoCan('iam:PutGroupPolicy', target)) out.push({ ...w, note: null })
      for (const w of ctx.whoCan('iam:AttachGroupPolicy', target, { 'iam:PolicyARN': ADMIN_POLICY_ARN })) out.push({ ...w, note: null })
      viaPolicies()
      break
  }
  return out
}

const hasKeyRoom = (u: AwsUser): boolean => u.accessKeys === null || u.accessKeys.length < 2

/** How `principal` becomes `target` after the write, or null. */
function become(ctx: AwsTechniqueContext, kind: BecomeKind, principal: string, target: string): Grant | null {
  switch (kind) {
    case 'assume':
      return ctx.allowed(principal, 'sts:AssumeRole', target)
    case 'update-trust': {
      const role = ctx.roles.get(target)
      if (!role || role.isServiceLinked || ctx.accountOf(principal) !== role.accountId) return null
      return ctx.allowed(principal, 'iam:UpdateAssumeRolePolicy', target)
    }
    case 'create-key': {
      const user = ctx.users.get(target)
      if (!user || !hasKeyRoom(user)) return null
      return ctx.allowed(principal, 'iam:CreateAccessKey', target)
    }
  }
}

function makeComboTechnique(row: ComboRow): Technique<AwsTechniqueContext> {
  const id = `aws/iam-policy-write-then-become/${row.name}`
  const t = { id, edgeKind: 'AdminTo' as const, cost: 2 }
  const isGroup = row.write === 'group-policy'
  const onUsers = row.become === 'create-key'
  return {
    id,
    provider: 'aws',
    edgeKind: 'AdminTo',
    title: `${WRITE_ACTION[row.write]} on another ${isGroup ? 'group' : onUsers ? 'user' : 'role'}, then ${BECOME_ACTION[row.become]}`,
    gain: 'admin',
    requires: [
      { action: WRITE_ACTION[row.write], on: isGroup ? 'group of the target user' : 'target' },
      { action: BECOME_ACTION[row.become], on: 'target' },
    ],
    cost: 2,
    seeAlso: row.seeAlso,
    text: {
      general: `The principal may give another ${isGroup ? "user's group" : onUsers ? 'user' : 'role'} arbitrary permissions (${WRITE_ACTION[row.write]}) and may also become it (${BECOME_ACTION[row.become]}): together that is admin for the caller. crownpath keeps the edge only when the target, given full access, would be admin-equivalent (its boundary and SCPs still apply). A target that already is admin is reached by the plain second step instead.`,
      abuse: `1) ${WRITE_ACTION[row.write]} granting Allow *:* to the target; 2) ${BECOME_ACTION[row.become]} on it and use the new credentials.`,
      opsec: 'Two IAM write events on a principal that is not the caller; both show in CloudTrail.',
      remediation: `Remove either permission; most simply ${WRITE_ACTION[row.write]} on principals other than administrators' own.`,
      references: ['https://pathfinding.cloud/', 'https://github.com/salesforce/cloudsplaining'],
    },
    *detect(ctx) {
      const targets: { arn: string; users: readonly AwsUser[] }[] = []
      if (isGroup) for (const g of ctx.inventory.groups) targets.push({ arn: g.arn, users: ctx.groupMembers(g.arn) })
      else if (onUsers) for (const u of ctx.inventory.users) targets.push({ arn: u.arn, users: [u] })
      else for (const r of ctx.inventory.roles) targets.push({ arn: r.arn, users: [] })
      for (const target of targets) {
        const becomeTargets = isGroup || onUsers ? target.users.map((u) => u.arn) : [target.arn]
        // Writers first: most targets have none, and they are cheaper to find than a what-if verdict.
        const found = becomeTargets.length === 0 ? [] : writers(ctx, row.write, target.arn)
        if (found.length === 0) continue
        const candidates = becomeTargets.filter((b) => !ctx.isTierZero(b))
        if (candidates.length === 0) continue
        const done = new Set<string>()
        for (const w of found) {
          if (done.has(w.principal)) continue
          for (const b of candidates) {
            if (b === w.principal) continue
            // Several combos share the second step: answer each (kind, principal, target) once.
            const g = memo(ctx, `become:${row.become}:${w.principal}:${b}`, () => become(ctx, row.become, w.principal, b))
            if (!g) continue
            // The what-if verdict (memoised per target) last: it is the costliest filter.
            if (!canBecomeAdminByPolicy(ctx, b)) continue
            const extra = [
              ...(w.note ? [inventoryEvidence(w.notePolicy ?? target.arn, w.note)] : []),
              ...(isGroup ? [inventoryEvidence(target.arn, `${b} is a member of this group`)] : []),
            ]
            yield techniqueEdge(t, w.principal, accountNode(b), [w.grant, g], extra)
            done.add(w.principal)
            break
          }
        }
      }
    },
  }
}

/** The principal-access combos (catalogue section C). */
export const IAM_POLICY_WRITE_THEN_BECOME_TECHNIQUES: readonly Technique<AwsTechniqueContext>[] = ROWS.map(makeComboTechnique)
