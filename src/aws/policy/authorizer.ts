/**
 * @module aws/policy/authorizer
 * `compileAuthorizer(aws)`: the evaluator bound to one AwsInventory. It
 * compiles every policy at most once, caches each principal's policy sets
 * (identity incl. groups, boundary, SCP chain) and each resource's policy, and
 * answers single requests (`evaluate`) and bulk questions (`whoCan`,
 * `allowedActions`, `isAdminEquivalent`) from indexes by service prefix and by
 * named principal, never by looping over principal pairs.
 */
import type {
  AwsAccount,
  AwsInventory,
  AwsRole,
  AwsUser,
  ConditionRef,
  DataIssue,
  PolicyDocument,
} from '../../model/index.js'
import { CrownpathError } from '../../model/index.js'
import type { PreparedRequest, ResourceMode, StatementSet } from './analyze.js'
import { buildStatementSet, toMatched } from './analyze.js'
import { colonOffsets, parseArn } from './arn.js'
import type { ActionCatalog } from './catalog.js'
import type { KnownFacts } from './context.js'
import { lowerTagMap, makeKeyLookup, normaliseRequestContext, NO_FACTS } from './context.js'
import type { EvaluationInputs, OrgChain, PrincipalInfo, ResourceInfo } from './evaluate.js'
import { evaluatePrepared } from './evaluate.js'
import { hasWildcard } from './glob.js'
import type { CompiledPolicy, CompiledStatement } from './parse.js'
import { compilePolicy, createCompileCache } from './parse.js'
import type { ServiceRule } from './service-rules.js'
import { SERVICE_RULES } from './service-rules.js'
import type { AwsPolicyType, AwsRequest, EvaluationResult, MatchedStatement } from './types.js'

/** Options for {@link compileAuthorizer}. */
export interface AuthorizerOptions {
  /** The action catalogue; supplies the services that support RCPs. */
  readonly catalog?: ActionCatalog
  /** Services whose resources RCPs govern; overrides the catalogue. */
  readonly rcpServices?: readonly string[]
}

/** One answer of {@link AwsAuthorizer.whoCan}. */
export interface WhoCanEntry {
  readonly principal: string
  readonly result: EvaluationResult
}

/** One grant in {@link AwsAuthorizer.allowedActions}: an Allow statement that applies to the principal. */
export interface AllowedActionGrant {
  /** Action patterns as written; `isNotAction` means "every action except these". */
  readonly actions: readonly string[]
  readonly isNotAction: boolean
  /** Resource patterns as written (empty for a trust/resource policy naming the resource itself). */
  readonly resources: readonly string[]
  readonly isNotResource: boolean
  /** Conditions on the statement (unevaluated: the report shows them). */
  readonly conditions: readonly ConditionRef[]
  readonly evidence: MatchedStatement
  /** For grants from a resource policy: the resource it is attached to. */
  readonly resource: string | null
}

/** The verdict of {@link AwsAuthorizer.isAdminEquivalent}. */
export interface AdminVerdict {
  readonly isAdmin: boolean
  readonly conditional: boolean
  readonly unresolvedConditions: readonly ConditionRef[]
  /** Statements granting the first probe (evidence for the tier-zero edge). */
  readonly matched: readonly MatchedStatement[]
  /** Per probe action asked, its decision: every probe for an admin, else those up to the first one not allowed. */
  readonly probes: Readonly<Record<string, EvaluationResult>>
}

/** The authorizer bound to one inventory. */
export interface AwsAuthorizer {
  /** Problems found while compiling policies (bad statements are skipped). */
  readonly issues: readonly DataIssue[]
  /** ARNs of the callers the inventory holds (users and roles). */
  readonly principals: readonly string[]
  /** Decide one request. Throws CP_ERR_NODE_NOT_FOUND for an unknown principal of a known account. */
  evaluate(request: AwsRequest): EvaluationResult
  /** Every inventory principal (and every outside principal the resource policy names) allowed, incl. conditionally. */
  whoCan(action: string, resource: string, context?: AwsRequest['context']): WhoCanEntry[]
  /** The Allow grants that apply to a principal (identity policies and resource policies naming it). */
  allowedActions(principal: string): AllowedActionGrant[]
  /** Is the principal effectively `*` on `*` in its account? See {@link ADMIN_PROBE_ACTIONS}. */
  isAdminEquivalent(principal: string): AdminVerdict
}

/**
 * The probe set for admin equivalence: a principal is admin-equivalent when
 * every probe is allowed on the literal resource `*` (so only `Resource: "*"`
 * grants count), after denies, boundaries, session policies and SCPs. The
 * probes span IAM write, credential and policy control, data access and code
 * execution, so `iam:*` alone or `s3:*` alone is not admin (those are
 * escalation findings, not tier zero). Conditional probes make a conditional admin.
 */
export const ADMIN_PROBE_ACTIONS = [
  'iam:AttachRolePolicy',
  'iam:PutUserPolicy',
  'iam:CreatePolicyVersion',
  'iam:CreateAccessKey',
  'iam:PassRole',
  's3:GetObject',
  's3:PutBucketPolicy',
  'ec2:RunInstances',
  'lambda:CreateFunction',
  'kms:Decrypt',
  'secretsmanager:GetSecretValue',
  'ssm:SendCommand',
] as const

/** Services governed by RCPs when no catalogue is given (the launch set). */
const DEFAULT_RCP_SERVICES = ['s3', 'sts', 'sqs', 'secretsmanager', 'kms']

/** Per-principal compiled data, built once. */
interface PrincipalEntry {
  readonly info: PrincipalInfo
  readonly identity: StatementSet | null
  readonly boundary: StatementSet | null
  readonly scpChain: OrgChain | null
  readonly facts: KnownFacts
  /**
   * Verdicts by lower-cased action for requests that depend on nothing but the action (see
   * `isActionOnlyRequest`); created on first use, bounded by {@link ACTION_MEMO_LIMIT}.
   */
  actionMemo?: Map<string, EvaluationResult>
}

/** Per-resource compiled data. */
interface ResourceEntry {
  readonly info: ResourceInfo
  readonly facts: KnownFacts
  readonly rcpChain: OrgChain | null
  readonly isKnown: boolean
  readonly isPattern: boolean
  readonly colons: readonly number[] | null
}

/** Records by ARN, without a [key, value] pair per record (10⁵ resources). */
function byArn<T extends { readonly arn: string }>(records: readonly T[]): Map<string, T> {
  const out = new Map<string, T>()
  for (const record of records) out.set(record.arn, record)
  return out
}

/** Bound of each resource cache (entries). */
const RESOURCE_CACHE_LIMIT = 200_000

/** Bound of one principal's action memo (distinct actions asked). */
const ACTION_MEMO_LIMIT = 1_024

/** Per statement set and service: do the statements that can match this service depend on the action only? */
const actionOnlyByService = new WeakMap<StatementSet, Map<string, boolean>>()
function isActionOnlyFor(set: StatementSet | null, service: string): boolean {
  if (set === null || set.isActionOnly) return true
  let byService = actionOnlyByService.get(set)
  if (byService === undefined) actionOnlyByService.set(set, (byService = new Map()))
  let answer = byService.get(service)
  if (answer === undefined) {
    answer = set.wildcard.every((stmt) => stmt.isActionOnly) && (set.byService.get(service) ?? []).every((stmt) => stmt.isActionOnly)
    byService.set(service, answer)
  }
  return answer
}

const SERVICE_PRINCIPAL = /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/i

/** Compile an authorizer for one inventory. Policies compile lazily, once each. */
export function compileAuthorizer(aws: AwsInventory, options: AuthorizerOptions = {}): AwsAuthorizer {
  const issues: DataIssue[] = []
  const users = byArn(aws.users)
  const roles = byArn(aws.roles)
  const rolesByName = new Map<string, AwsRole>(aws.roles.map((r) => [`${r.accountId}/${r.name}`, r]))
  const groups = byArn(aws.groups)
  const managed = byArn(aws.managedPolicies)
  const resources = byArn(aws.resources)
  const accounts = new Map<string, AwsAccount>(aws.accounts.map((a) => [a.id, a]))
  const knownAccounts = new Set<string>([...accounts.keys(), ...aws.users.map((u) => u.accountId), ...aws.roles.map((r) => r.accountId)])
  const org = aws.organization
  const rcpServices = new Set(options.rcpServices ?? (options.catalog ? [...options.catalog.rcpServices] : DEFAULT_RCP_SERVICES))

  // --- policy compilation, each document once per (id, type) ---
  // By type, then id: the ids are the inventory's own strings (hashed once), where a joined key
  // would be a new string to hash on every one of the ~10⁵ look-ups.
  const compiled = new Map<AwsPolicyType, Map<string, CompiledPolicy>>()
  const compileCache = createCompileCache()
  const compileOnce = (id: string, type: AwsPolicyType, document: PolicyDocument, name: string | null): CompiledPolicy => {
    let ofType = compiled.get(type)
    if (ofType === undefined) compiled.set(type, (ofType = new Map()))
    let policy = ofType.get(id)
    if (policy === undefined) {
      policy = compilePolicy(document, { id, type, name }, compileCache)
      issues.push(...policy.issues)
      ofType.set(id, policy)
    }
    return policy
  }
  const managedPolicy = (arn: string, type: AwsPolicyType, owner: string): CompiledPolicy | null => {
    const policy = managed.get(arn)
    if (policy === undefined) {
      issues.push({ severity: 'warning', where: owner, message: `attached policy \`${arn}\` is not in the inventory; its statements are ignored` })
      return null
    }
    const version = policy.versions.find((v) => v.isDefault) ?? policy.versions.find((v) => v.versionId === policy.defaultVersionId)
    if (version === undefined) {
      issues.push({ severity: 'warning', where: arn, message: 'managed policy has no default version document' })
      return null
    }
    return compileOnce(arn, type, version.document, policy.name)
  }
  const identityPolicies = (owner: { arn: string; inlinePolicies: AwsUser['inlinePolicies']; attachedPolicies: readonly string[] }): CompiledPolicy[] => {
    const out: CompiledPolicy[] = []
    for (const inline of owner.inlinePolicies) out.push(compileOnce(`${owner.arn}#inline/${inline.name}`, 'identity', inline.document, inline.name))
    for (const arn of owner.attachedPolicies) {
      const policy = managedPolicy(arn, 'identity', owner.arn)
      if (policy !== null) out.push(policy)
    }
    return out
  }

  // --- organisations: SCP / RCP chains by target ---
  const orgPolicySets = (type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY'): Map<string, StatementSet> | null => {
    if (org === null) return null
    const policies = org.policies.filter((p) => p.type === type)
    if (policies.length === 0) return null
    const byTarget = new Map<string, CompiledPolicy[]>()
    for (const policy of policies) {
      const compiledPolicy = compileOnce(policy.id, type === 'SERVICE_CONTROL_POLICY' ? 'scp' : 'rcp', policy.document, policy.name)
      for (const target of policy.targets) byTarget.set(target, [...(byTarget.get(target) ?? []), compiledPolicy])
    }
    return new Map([...byTarget].map(([target, list]) => [target, buildStatementSet(list)]))
  }
  const scpByTarget = orgPolicySets('SERVICE_CONTROL_POLICY')
  const rcpByTarget = orgPolicySets('RESOURCE_CONTROL_POLICY')
  const managementAccount = org?.managementAccountId ?? aws.accounts.find((a) => a.isManagementAccount)?.id ?? null
  /** The chain root → OUs → account, when the account is a member that org policies govern; one per account. */
  const chains = new Map<string, OrgChain | null>()
  const chainFor = (byTarget: Map<string, StatementSet> | null, accountId: string | null): OrgChain | null => {
    if (byTarget === null || accountId === null || accountId === managementAccount) return null
    const key = `${byTarget === scpByTarget ? 'scp' : 'rcp'}:${accountId}`
    const cached = chains.get(key)
    if (cached !== undefined) return cached
    const account = accounts.get(accountId)
    let chain: OrgChain | null = null
    if (account !== undefined && account.organizationId !== null) {
      const levels = [...account.orgPath, accountId].map((level) => byTarget.get(level) ?? null)
      chain = { levels, memo: levels.every((level) => level === null || level.isActionOnly) ? new Map() : null }
    }
    chains.set(key, chain)
    return chain
  }

  // --- context facts ---
  const orgKeys = (accountId: string | null, prefix: 'principal' | 'resource', keys: Map<string, readonly string[] | 'absent'>): void => {
    if (accountId === null || org === null) return
    const account = accounts.get(accountId)
    if (account === undefined) return
    if (account.organizationId === null) {
      keys.set(`aws:${prefix}orgid`, 'absent')
      keys.set(`aws:${prefix}orgpaths`, 'absent')
      return
    }
    keys.set(`aws:${prefix}orgid`, [account.organizationId])
    keys.set(`aws:${prefix}orgpaths`, [`${account.organizationId}/${account.orgPath.join('/')}/`])
  }
  const callPathKeys = (keys: Map<string, readonly string[] | 'absent'>): void => {
    // Direct API calls by the attacker: no service in between.
    keys.set('aws:viaawsservice', ['false'])
    for (const key of ['aws:calledvia', 'aws:calledviafirst', 'aws:calledvialast']) keys.set(key, 'absent')
  }

  // --- principals ---
  const principalCache = new Map<string, PrincipalEntry>()
  /** Compiled policies of each group, shared by its members. */
  const groupPolicies = new Map<string, CompiledPolicy[]>()
  const buildUser = (user: AwsUser): PrincipalEntry => {
    const policies = identityPolicies(user)
    for (const groupArn of user.groups) {
      const group = groups.get(groupArn)
      if (group === undefined) issues.push({ severity: 'warning', where: user.arn, message: `group \`${groupArn}\` is not in the inventory` })
      else {
        let list = groupPolicies.get(groupArn)
        if (list === undefined) groupPolicies.set(groupArn, (list = identityPolicies(group)))
        // A managed policy attached to the user and to a group (or to two groups) applies once:
        // held twice, its statements would match twice and show twice in every grant.
        for (const policy of list) if (!policies.includes(policy)) policies.push(policy)
      }
    }
    const boundary = user.permissionsBoundary === null ? null : managedPolicy(user.permissionsBoundary, 'permissions-boundary', user.arn)
    const keys = new Map<string, readonly string[] | 'absent'>([
      ['aws:principalarn', [user.arn]],
      ['aws:principalaccount', [user.accountId]],
      ['aws:username', [user.name]],
      ['aws:principaltype', ['User']],
      ['aws:principalisawsservice', ['false']],
      ['aws:principalservicename', 'absent'],
    ])
    if (user.uniqueId !== null) keys.set('aws:userid', [user.uniqueId])
    orgKeys(user.accountId, 'principal', keys)
    callPathKeys(keys)
    return {
      info: { arn: user.arn, kind: 'user', account: user.accountId, roleArn: null, sessionArn: null, isServiceLinked: false },
      identity: buildStatementSet(policies),
      boundary: user.permissionsBoundary === null ? null : buildStatementSet(boundary === null ? [] : [boundary]),
      scpChain: chainFor(scpByTarget, user.accountId),
      facts: { keys, tags: lowerTagMap(user.tags) },
    }
  }
  const buildRole = (role: AwsRole, sessionArn: string | null): PrincipalEntry => {
    const boundary = role.permissionsBoundary === null ? null : managedPolicy(role.permissionsBoundary, 'permissions-boundary', role.arn)
    const keys = new Map<string, readonly string[] | 'absent'>([
      ['aws:principalarn', [role.arn]],
      ['aws:principalaccount', [role.accountId]],
      ['aws:username', 'absent'],
      ['aws:principaltype', ['AssumedRole']],
      ['aws:principalisawsservice', ['false']],
      ['aws:principalservicename', 'absent'],
    ])
    const sessionName = sessionArn === null ? null : sessionArn.slice(sessionArn.lastIndexOf('/') + 1)
    if (sessionName !== null && role.uniqueId !== null) keys.set('aws:userid', [`${role.uniqueId}:${sessionName}`])
    orgKeys(role.accountId, 'principal', keys)
    callPathKeys(keys)
    return {
      info: { arn: sessionArn ?? role.arn, kind: 'role', account: role.accountId, roleArn: role.arn, sessionArn, isServiceLinked: role.isServiceLinked },
      identity: buildStatementSet(identityPolicies(role)),
      boundary: role.permissionsBoundary === null ? null : buildStatementSet(boundary === null ? [] : [boundary]),
      // Service-linked roles are not affected by SCPs.
      scpChain: role.isServiceLinked ? null : chainFor(scpByTarget, role.accountId),
      facts: { keys, tags: lowerTagMap(role.tags) },
    }
  }
  const buildOther = (arn: string): PrincipalEntry => {
    if (SERVICE_PRINCIPAL.test(arn)) {
      const keys = new Map<string, readonly string[] | 'absent'>([
        ['aws:principalisawsservice', ['true']],
        ['aws:principalservicename', [arn]],
        ['aws:principalarn', 'absent'],
        ['aws:principalaccount', 'absent'],
      ])
      return {
        info: { arn, kind: 'service', account: null, roleArn: null, sessionArn: null, isServiceLinked: false },
        identity: null,
        boundary: null,
        scpChain: null,
        facts: { keys, tags: null },
      }
    }
    const account = /^\d{12}$/.test(arn) ? arn : (parseArn(arn)?.account ?? '')
    const rootArn = `arn:aws:iam::${account}:root`
    const parts = parseArn(arn)
    // The root ARN of an account outside the inventory stands for "some principal of that account"
    // (its account node): it is handled as an outside principal below, not as the root user.
    const isRoot = account !== '' && (arn === account || arn === rootArn || (parts !== null && parts.service === 'iam' && parts.resource === 'root'))
    if (isRoot && knownAccounts.has(account)) {
      const keys = new Map<string, readonly string[] | 'absent'>([
        ['aws:principalarn', [rootArn]],
        ['aws:principalaccount', [account]],
        ['aws:userid', [account]],
        ['aws:username', 'absent'],
        ['aws:principaltype', ['Account']],
        ['aws:principalisawsservice', ['false']],
      ])
      orgKeys(account, 'principal', keys)
      callPathKeys(keys)
      return {
        info: { arn: rootArn, kind: 'root', account, roleArn: null, sessionArn: null, isServiceLinked: false },
        identity: null,
        boundary: null,
        // The root user of a member account is subject to SCPs.
        scpChain: chainFor(scpByTarget, account),
        facts: { keys, tags: null },
      }
    }
    if (parts !== null && parts.service === 'iam' && /^(oidc|saml)-provider\//.test(parts.resource)) {
      return {
        info: { arn, kind: 'federated', account: parts.account, roleArn: null, sessionArn: null, isServiceLinked: false },
        identity: null,
        boundary: null,
        scpChain: null,
        facts: NO_FACTS,
      }
    }
    if (isRoot && arn !== rootArn) return buildOther(rootArn)
    if (parts === null || knownAccounts.has(parts.account)) throw new CrownpathError('CP_ERR_NODE_NOT_FOUND', { id: arn })
    // A principal of an account outside the inventory: its own account decides its identity side.
    const keys = new Map<string, readonly string[] | 'absent'>([
      ['aws:principalarn', [arn]],
      ['aws:principalaccount', [parts.account]],
      ['aws:principalisawsservice', ['false']],
    ])
    callPathKeys(keys)
    return {
      info: { arn, kind: 'external', account: parts.account, roleArn: null, sessionArn: null, isServiceLinked: false },
      identity: null,
      boundary: null,
      scpChain: null,
      facts: { keys, tags: null },
    }
  }
  const principalEntry = (arn: string): PrincipalEntry => {
    let entry = principalCache.get(arn)
    if (entry !== undefined) return entry
    const user = users.get(arn)
    const role = roles.get(arn)
    if (user !== undefined) entry = buildUser(user)
    else if (role !== undefined) entry = buildRole(role, null)
    else {
      const session = /^arn:[^:]+:sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/.exec(arn)
      const sessionRole = session === null ? undefined : rolesByName.get(`${session[1]}/${session[2]}`)
      entry = sessionRole !== undefined ? buildRole(sessionRole, arn) : buildOther(arn)
    }
    principalCache.set(arn, entry)
    return entry
  }

  // --- resources ---
  /** Resource-side keys depend only on the resource's account: one read-only map per account, shared by its resources. */
  const resourceKeys = new Map<string | null, ReadonlyMap<string, readonly string[] | 'absent'>>()
  const resourceKeysOf = (resourceAccount: string | null): ReadonlyMap<string, readonly string[] | 'absent'> => {
    let keys = resourceKeys.get(resourceAccount)
    if (keys === undefined) {
      const built = new Map<string, readonly string[] | 'absent'>()
      if (resourceAccount !== null) built.set('aws:resourceaccount', [resourceAccount])
      orgKeys(resourceAccount, 'resource', built)
      resourceKeys.set(resourceAccount, (keys = built))
    }
    return keys
  }
  /** Resource entries by [policy source × RCP applies] → scope account ('' = from the ARN) → ARN. */
  const resourceCaches = [new Map(), new Map(), new Map(), new Map()] as Map<string, Map<string, ResourceEntry>>[]
  const resourceEntry = (arn: string, service: string, principal: PrincipalInfo): ResourceEntry => {
    const rule = SERVICE_RULES[service]
    const hasRcp = rcpServices.has(service)
    // Entries depend on the policy source (trust or resource) and on whether RCPs apply; an ARN
    // without an account also on the caller's account. Nested maps keep string building off this path.
    const bucket = resourceCaches[(rule?.policySource === 'trust' ? 2 : 0) + (hasRcp ? 1 : 0)] as Map<string, Map<string, ResourceEntry>>
    const cached = bucket.get('')?.get(arn) ?? bucket.get(principal.account ?? '-')?.get(arn)
    if (cached !== undefined) return cached
    // `*` alone is the literal resource of actions without resource-level permissions, not a pattern.
    const isPattern = arn !== '*' && hasWildcard(arn)
    const parts = parseArn(arn)
    let account: string | null = parts !== null && /^\d{12}$/.test(parts.account) ? parts.account : null
    let policy: CompiledPolicy | null = null
    let tags: Readonly<Record<string, string>> | null = null
    let isKnown = false
    if (!isPattern) {
      const role = roles.get(arn)
      const user = users.get(arn)
      if (role !== undefined) {
        isKnown = true
        tags = role.tags
        if (rule?.policySource === 'trust') policy = compileOnce(`${role.arn}#trust`, 'trust', role.trustPolicy, role.name)
      } else if (user !== undefined) {
        isKnown = true
        tags = user.tags
      } else {
        // An S3 object is governed by its bucket's policy.
        const bucketArn = parts?.service === 's3' && parts.resource.includes('/') ? `arn:${parts.partition}:s3:::${parts.resource.split('/')[0]}` : null
        const record = resources.get(arn) ?? (bucketArn === null ? undefined : resources.get(bucketArn))
        if (record !== undefined) {
          isKnown = true
          account ??= record.accountId
          if (resources.has(arn)) tags = record.tags
          if (record.policy !== null) policy = compileOnce(`${record.arn}#policy`, 'resource', record.policy, record.name)
        }
      }
    }
    const entry: ResourceEntry = {
      // A resource whose ARN carries no account (S3) and that the inventory does not know is taken
      // to be in the caller's account: that is where an attacker would create it.
      info: { arn, account: account ?? principal.account, policy },
      facts: { keys: resourceKeysOf(account ?? (isPattern ? principal.account : null)), tags: isKnown ? lowerTagMap(tags ?? {}) : null },
      rcpChain: hasRcp ? chainFor(rcpByTarget, account ?? principal.account) : null,
      isKnown,
      isPattern,
      colons: colonOffsets(arn),
    }
    // An ARN or pattern without an account is cached per caller account (its entry takes the
    // caller's). Patterns too: detectors ask "every function of the account" once per candidate
    // principal (M: 41k pattern entries, 4.8k distinct). The cache is bounded so that bulk
    // questions over many object keys cannot grow it without limit.
    const scope = account !== null ? '' : (principal.account ?? '-')
    let cache = bucket.get(scope)
    if (cache === undefined) bucket.set(scope, (cache = new Map()))
    if (cache.size > RESOURCE_CACHE_LIMIT) cache.clear()
    cache.set(arn, entry)
    return entry
  }

  // --- evaluation ---
  /** Parsed actions, memoised: callers ask about the same few hundred actions millions of times. */
  type ParsedAction = { readonly actionLower: string; readonly service: string; readonly rule: ServiceRule | null }
  const actionCache = new Map<string, ParsedAction>()
  const parseAction = (action: string): ParsedAction => {
    let parsed = actionCache.get(action)
    if (parsed === undefined) {
      const actionLower = action.toLowerCase()
      const colon = actionLower.indexOf(':')
      const service = colon < 0 ? actionLower : actionLower.slice(0, colon)
      parsed = { actionLower, service, rule: SERVICE_RULES[service] ?? null }
      if (actionCache.size > RESOURCE_CACHE_LIMIT) actionCache.clear()
      actionCache.set(action, parsed)
    }
    return parsed
  }

  const evaluateWith = (request: AwsRequest, entry: PrincipalEntry): EvaluationResult => {
    const { actionLower, service, rule } = parseAction(request.action)
    const resource = resourceEntry(request.resource, service, entry.info)
    const mode: ResourceMode = resource.isPattern ? (request.resourceMode ?? 'exists') : 'concrete'
    const info = entry.info
    // RCPs do not apply to service principals or service-linked roles.
    const rcpChain = info.kind === 'service' || info.isServiceLinked ? null : resource.rcpChain
    const sessionPolicies = request.sessionPolicies ?? []
    // A caller in its own account, on a resource without a resource policy, whose every applicable
    // statement (identity, boundary, SCP and RCP levels) names only actions: the verdict depends on the
    // action alone, so it is computed once per (caller, action). Bulk questions ask one action about
    // thousands of resources of the caller's account; this is what keeps them linear.
    const isActionOnlyRequest =
      sessionPolicies.length === 0 &&
      resource.info.policy === null &&
      (info.kind === 'user' || info.kind === 'role') &&
      info.account !== null &&
      resource.info.account === info.account &&
      rule?.requiresResourcePolicy(actionLower, request.resource) !== true &&
      (entry.scpChain === null || entry.scpChain.memo !== null) &&
      (rcpChain === null || rcpChain.memo !== null) &&
      isActionOnlyFor(entry.identity, service) &&
      isActionOnlyFor(entry.boundary, service)
    if (isActionOnlyRequest) {
      const known = entry.actionMemo?.get(actionLower)
      if (known !== undefined) return known
    }
    const requestKeys = normaliseRequestContext(request.context, request.absentKeys)
    const session =
      sessionPolicies.length === 0
        ? null
        : buildStatementSet(sessionPolicies.map((doc, i) => compilePolicy(doc, { id: `${info.arn}#session/${i}`, type: 'session' })))
    const prepared: PreparedRequest = {
      actionLower,
      service,
      rule,
      resource: request.resource,
      resourceColons: resource.colons,
      resourceMode: mode,
      lookup: makeKeyLookup(requestKeys, entry.facts, resource.facts),
      hasBoundary: entry.boundary !== null,
    }
    const inputs: EvaluationInputs = {
      principal: info,
      resource: resource.info,
      identity: entry.identity,
      boundary: entry.boundary,
      session,
      scpChain: entry.scpChain,
      rcpChain,
    }
    const result = evaluatePrepared(prepared, inputs)
    if (isActionOnlyRequest) {
      const memo = (entry.actionMemo ??= new Map())
      if (memo.size >= ACTION_MEMO_LIMIT) memo.clear()
      memo.set(actionLower, result)
    }
    return result
  }
  const evaluate = (request: AwsRequest): EvaluationResult => evaluateWith(request, principalEntry(request.principal))

  const principals = [...aws.users.map((u) => u.arn), ...aws.roles.map((r) => r.arn)]

  // --- whoCan index: principals with an Allow by service prefix, wildcard bucket apart ---
  let allowIndex: { byService: Map<string, Set<string>>; wildcard: Set<string> } | null = null
  const buildAllowIndex = (): { byService: Map<string, Set<string>>; wildcard: Set<string> } => {
    const byService = new Map<string, Set<string>>()
    const wildcard = new Set<string>()
    for (const arn of principals) {
      const set = principalEntry(arn).identity
      if (set === null) continue
      for (const [service, list] of set.byService) {
        if (!list.some((stmt) => stmt.effect === 'Allow')) continue
        let bucket = byService.get(service)
        if (bucket === undefined) byService.set(service, (bucket = new Set()))
        bucket.add(arn)
      }
      if (set.wildcard.some((stmt) => stmt.effect === 'Allow')) wildcard.add(arn)
    }
    return { byService, wildcard }
  }

  /** Principals a resource policy names directly (inventory ARNs and outside ones). */
  const namedByPolicy = (policy: CompiledPolicy | null): { named: Set<string>; isEveryone: boolean } => {
    const named = new Set<string>()
    let isEveryone = false
    for (const stmt of policy?.statements ?? []) {
      if (stmt.effect !== 'Allow' || stmt.principal === null) continue
      if (stmt.principal.isAny || stmt.isNotPrincipal) isEveryone = true
      for (const ref of stmt.principal.aws) {
        if (ref.kind === 'account') {
          if (!knownAccounts.has(ref.account)) named.add(`arn:aws:iam::${ref.account}:root`)
        } else if (ref.kind === 'session') {
          const m = /^arn:[^:]+:sts::(\d{12}):assumed-role\/([^/]+)\//.exec(ref.arn)
          const role = m === null ? undefined : rolesByName.get(`${m[1]}/${m[2]}`)
          named.add(role?.arn ?? ref.arn)
        } else if (users.has(ref.arn) || roles.has(ref.arn) || (ref.account !== null && !knownAccounts.has(ref.account))) named.add(ref.arn)
      }
      for (const service of stmt.principal.services) named.add(service)
    }
    return { named, isEveryone }
  }

  const whoCan = (action: string, resource: string, context?: AwsRequest['context']): WhoCanEntry[] => {
    allowIndex ??= buildAllowIndex()
    const actionLower = action.toLowerCase()
    const service = actionLower.slice(0, Math.max(0, actionLower.indexOf(':')))
    const candidates = new Set<string>(allowIndex.byService.get(service) ?? [])
    for (const arn of allowIndex.wildcard) candidates.add(arn)
    // The resource policy can grant without identity policies: add whom it names.
    const isPattern = resource !== '*' && hasWildcard(resource)
    const probeCaller = principals[0] === undefined ? null : principalEntry(principals[0]).info
    if (!isPattern && probeCaller !== null) {
      const { named, isEveryone } = namedByPolicy(resourceEntry(resource, service, probeCaller).info.policy)
      for (const arn of named) candidates.add(arn)
      if (isEveryone) for (const arn of principals) candidates.add(arn)
    }
    const out: WhoCanEntry[] = []
    for (const principal of [...candidates].sort()) {
      let entry: PrincipalEntry
      try {
        entry = principalEntry(principal)
      } catch {
        continue
      }
      const result = evaluateWith({ principal, action, resource, ...(context ? { context } : {}) }, entry)
      if (result.decision === 'allowed') out.push({ principal, result })
    }
    return out
  }

  // --- allowedActions: identity Allows plus resource policies naming the principal ---
  let grantsByNamed: Map<string, { resource: string; stmt: CompiledStatement }[]> | null = null
  const buildGrantsByNamed = (): Map<string, { resource: string; stmt: CompiledStatement }[]> => {
    const out = new Map<string, { resource: string; stmt: CompiledStatement }[]>()
    const add = (arn: string, resource: string, stmt: CompiledStatement): void => {
      const list = out.get(arn)
      if (list === undefined) out.set(arn, [{ resource, stmt }])
      else list.push({ resource, stmt })
    }
    const scan = (resource: string, policy: CompiledPolicy): void => {
      for (const stmt of policy.statements) {
        if (stmt.effect !== 'Allow' || stmt.principal === null || stmt.isNotPrincipal) continue
        for (const ref of stmt.principal.aws) if (ref.kind !== 'account') add(ref.arn, resource, stmt)
      }
    }
    for (const record of aws.resources) if (record.policy !== null) scan(record.arn, compileOnce(`${record.arn}#policy`, 'resource', record.policy, record.name))
    for (const role of aws.roles) scan(role.arn, compileOnce(`${role.arn}#trust`, 'trust', role.trustPolicy, role.name))
    return out
  }
  const toGrant = (stmt: CompiledStatement, resource: string | null): AllowedActionGrant => ({
    actions: stmt.actions.patterns,
    isNotAction: stmt.actions.isNegated,
    resources: stmt.resources?.patterns.map((p) => p.source) ?? [],
    isNotResource: stmt.resources?.isNegated ?? false,
    conditions: stmt.conditions.map((c) => ({ operator: c.operator, key: c.key, values: c.values, policy: stmt.policy, statement: stmt.index })),
    evidence: toMatched(stmt),
    resource,
  })
  const allowedActions = (principal: string): AllowedActionGrant[] => {
    const entry = principalEntry(principal)
    const out: AllowedActionGrant[] = []
    const seen = new Set<CompiledStatement>()
    const set = entry.identity
    if (set !== null) {
      for (const list of [...set.byService.values(), set.wildcard]) {
        for (const stmt of list) {
          if (stmt.effect !== 'Allow' || seen.has(stmt)) continue
          seen.add(stmt)
          out.push(toGrant(stmt, null))
        }
      }
    }
    grantsByNamed ??= buildGrantsByNamed()
    for (const key of [entry.info.arn, entry.info.roleArn]) {
      if (key === null) continue
      for (const { resource, stmt } of grantsByNamed.get(key) ?? []) out.push(toGrant(stmt, resource))
    }
    return out
  }

  const isAdminEquivalent = (principal: string): AdminVerdict => {
    const entry = principalEntry(principal)
    const probes: Record<string, EvaluationResult> = {}
    let isAdmin = true
    let refs: ConditionRef[] = []
    for (const action of ADMIN_PROBE_ACTIONS) {
      const result = evaluateWith({ principal, action, resource: '*' }, entry)
      probes[action] = result
      if (result.decision !== 'allowed') {
        // The rest cannot make an admin: most principals stop at the first probe.
        isAdmin = false
        break
      }
      refs = refs.concat(result.unresolvedConditions)
    }
    const first = probes[ADMIN_PROBE_ACTIONS[0]]
    return {
      isAdmin,
      conditional: isAdmin && refs.length > 0,
      unresolvedConditions: isAdmin ? refs : [],
      matched: isAdmin && first ? first.matched : [],
      probes,
    }
  }

  // Compile every principal up front so `issues` is complete and evaluation is steady-state.
  for (const arn of principals) principalEntry(arn)

  return { issues, principals, evaluate, whoCan, allowedActions, isAdminEquivalent }
}
