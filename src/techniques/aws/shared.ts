/**
 * @module techniques/aws/shared
 * Small pieces every AWS detector uses: turning grants into edge inputs,
 * inventory evidence, per-context memoisation, and the what-if worlds
 * (every principal given a full-access policy; every boundary removed) that
 * decide whether "write my own policy" really ends in admin.
 */
import type { AwsInventory, EdgeInput, EdgeKind, Evidence, NonEmpty } from '../../model/index.js'
import { awsAccountId, accountOfArn } from '../../model/index.js'
import type { AwsTechniqueContext, Grant } from './context.js'
import { combineGrants } from './context.js'
import { perContextByKey } from '../per-context.js'

/** The AWS-managed full-access policy: it always exists, so attaching it is always possible. */
export const ADMIN_POLICY_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess'

/** Name of the synthetic inline policy used in what-if worlds (never written to the graph). */
const WHATIF_POLICY = 'crownpath-whatif-full-access'

/** The minimal fields of a technique an edge needs. */
export interface EdgeSpec {
  readonly id: string
  readonly edgeKind: EdgeKind
  readonly cost: number
}

/** An inventory fact as evidence (an attachment, a membership, an instance profile). */
export function inventoryEvidence(policy: string, note: string, resource?: string): Evidence {
  return { type: 'inventory', policy, statement: null, note, ...(resource ? { resource } : {}) }
}

/** Build the edge input for a technique from the grants of its required permissions. */
export function techniqueEdge(t: EdgeSpec, from: string, to: string, grants: readonly Grant[], extra: readonly Evidence[] = [], extraConditions: Grant['conditions'] = []): EdgeInput {
  const g = combineGrants(...grants)
  const evidence = extra.length === 0 ? g.evidence : ([...g.evidence, ...extra] as unknown as NonEmpty<Evidence>)
  const conditions = extraConditions.length === 0 ? g.conditions : [...g.conditions, ...extraConditions]
  return { from, to, kind: t.edgeKind, technique: t.id, evidence, conditions, cost: t.cost }
}

/**
 * The users and roles (not tier zero) that hold a managed policy, directly or
 * through a group, sorted by ARN (whoCan's order), each with where the policy
 * is attached (`via`: the principal itself or its group).
 */
export function policyHolders(ctx: AwsTechniqueContext, policyArn: string): { readonly principal: string; readonly via: string }[] {
  const holders = new Map<string, string>()
  for (const holder of ctx.attachmentsOf(policyArn)) {
    if (ctx.groups.has(holder)) for (const m of ctx.groupMembers(holder)) holders.set(m.arn, holder)
    else holders.set(holder, holder)
  }
  return [...holders.keys()]
    .sort()
    .filter((p) => !ctx.isTierZero(p) && (ctx.users.has(p) || ctx.roles.has(p)))
    .map((principal) => ({ principal, via: holders.get(principal) as string }))
}

/** The account node of an ARN. */
export function accountNode(arn: string): string {
  return awsAccountId(accountOfArn(arn) ?? '')
}

/** Role or user resource pattern for "a new role/user in the account". */
export function anyRoleIn(account: string): string {
  return `arn:aws:iam::${account}:role/*`
}

/** Memoise a computation per context and key (detectors of one family share it). */
export const memo = perContextByKey<AwsTechniqueContext>()

const FULL_ACCESS = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }

/** Every user and role gets an extra inline full-access policy (boundaries and SCPs unchanged). */
function giveEveryoneFullAccess(aws: AwsInventory): AwsInventory {
  const add = { name: WHATIF_POLICY, document: FULL_ACCESS }
  return {
    ...aws,
    users: aws.users.map((u) => ({ ...u, inlinePolicies: [...u.inlinePolicies, add] })),
    roles: aws.roles.map((r) => ({ ...r, inlinePolicies: [...r.inlinePolicies, add] })),
  }
}

/** Every permissions boundary removed (policies and SCPs unchanged). */
function removeEveryBoundary(aws: AwsInventory): AwsInventory {
  return {
    ...aws,
    users: aws.users.map((u) => ({ ...u, permissionsBoundary: null })),
    roles: aws.roles.map((r) => ({ ...r, permissionsBoundary: null })),
  }
}

/**
 * Would `principal` be admin-equivalent if it could write any policy onto
 * itself? False when a boundary or an SCP still limits it — which is why
 * "can attach AdministratorAccess to myself" is not automatically admin.
 * Without a compiler, fall back to "no boundary".
 */
export function canBecomeAdminByPolicy(ctx: AwsTechniqueContext, principal: string): boolean {
  const verdict = ctx.isAdminAfter('whatif:full-access', giveEveryoneFullAccess, principal)
  if (verdict !== null) return verdict
  const p = ctx.principal(principal)
  return !(p && p.kind !== 'group' && p.record.permissionsBoundary)
}

/** Would `principal` be admin-equivalent with its boundary removed? */
export function isAdminWithoutBoundary(ctx: AwsTechniqueContext, principal: string): boolean {
  return ctx.isAdminAfter('whatif:no-boundary', removeEveryBoundary, principal) ?? false
}
