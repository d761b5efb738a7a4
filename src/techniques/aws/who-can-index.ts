/**
 * @module techniques/aws/who-can-index
 * A conservative pre-filter for "who may do action A on resource R": an
 * index of the identity-policy Allow statements by action and by the literal
 * prefix of their Resource patterns, so a question asked once per role,
 * user or policy (tens of thousands of times on a large estate) evaluates
 * only the principals whose own statements could grant it, not every
 * principal that holds any Allow for the service (DESIGN.md "Performance
 * targets": index policies by action and by resource, never loop over
 * principal pairs). It only ever drops principals that no identity statement
 * can allow; principals a resource or trust policy names are added back, and
 * a resource policy open to everyone (`*`, NotPrincipal, session ARNs) makes
 * the caller fall back to the evaluator's own candidate set. The evaluator
 * still decides every candidate, so answers are unchanged.
 */
import type { AwsInventory, PolicyDocument } from '../../model/index.js'
import type { ActionMatcher } from '../../aws/policy/index.js'
import { SERVICE_RULES, compileActions, statementMatchesAction } from '../../aws/policy/index.js'

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return []
  return Array.isArray(value) ? value : [value]
}

/** One distinct Allow statement and the principals holding it. */
interface IndexedStatement {
  readonly actions: ActionMatcher
  /** Lower-cased Resource patterns, or null when any resource may match (absent Resource, NotResource). */
  readonly resources: readonly string[] | null
  readonly holders: string[]
}

/** Per action: principals reached regardless of the resource, and resource-pattern entries by literal prefix length. */
interface ActionIndex {
  /** Sorted. */
  readonly always: readonly string[]
  readonly alwaysSet: ReadonlySet<string>
  /** Every principal any statement for the action reaches (pattern questions), sorted; built on first use. */
  everyone: readonly string[] | null
  /** Prefix length → lower-cased prefix → entries. */
  readonly byPrefix: ReadonlyMap<number, ReadonlyMap<string, readonly { readonly re: RegExp; readonly holders: readonly string[] }[]>>
}

/** What the resource side of a request lets through (see `gateOf`). */
interface ResourceGate {
  /** Inventory principals the governing policy names by ARN (they may need no identity allow). */
  readonly named: readonly string[]
  /** Accounts the governing policy names (`123456789012`, `arn:aws:iam::123456789012:root`). */
  readonly accounts: ReadonlySet<string>
  /** The resource's account; null when neither its ARN nor the inventory tells. */
  readonly resourceAccount: string | null
  /** The governing policy must allow (SERVICE_RULES: trust policies for sts:AssumeRole and friends, KMS key policies). */
  readonly isMandatory: boolean
  readonly hasResourcePolicy: boolean
}


/** The index: build once per inventory, ask many times. */
export interface WhoCanIndex {
  /**
   * A superset (sorted) of the users and roles the evaluator could allow
   * `action` on `resource` (less the excluded ones), or null when the resource policy admits callers
   * this index cannot enumerate (then ask the evaluator's own whoCan).
   */
  candidates(action: string, resource: string): readonly string[] | null
}

/** Literal prefix of a pattern: up to the first wildcard or policy variable. */
function literalPrefix(pattern: string): string {
  let i = 0
  while (i < pattern.length) {
    const c = pattern[i]
    if (c === '*' || c === '?' || c === '$') break
    i++
  }
  return pattern.slice(0, i)
}

/** Glob → RegExp, case-insensitive (a superset of the evaluator's per-segment ARN match); variables match anything. */
function looseGlob(pattern: string): RegExp {
  const body = pattern
    .replace(/\$\{[^}]*\}/g, '\u0000')
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.')
    .replace(/\u0000/g, '.*')
  return new RegExp(`^${body}$`, 'is')
}

/** Merge two sorted, disjoint string lists. */
function mergeSorted(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = []
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) out.push((a[i] as string) < (b[j] as string) ? (a[i++] as string) : (b[j++] as string))
  while (i < a.length) out.push(a[i++] as string)
  while (j < b.length) out.push(b[j++] as string)
  return out
}

/** Build the index over the identity policies of every user and role (inline, attached versions, groups'). */
export function buildWhoCanIndex(aws: AwsInventory, exclude: ReadonlySet<string> = new Set()): WhoCanIndex {
  const policies = new Map(aws.managedPolicies.map((p) => [p.arn, p] as const))
  const groups = new Map(aws.groups.map((g) => [g.arn, g] as const))
  const roles = new Map(aws.roles.map((r) => [r.arn, r] as const))
  const users = new Map(aws.users.map((u) => [u.arn, u] as const))
  const resources = new Map(aws.resources.map((r) => [r.arn, r] as const))
  // Documents by identity: a managed policy's document is one object shared by all its holders.
  const holdersByDoc = new Map<PolicyDocument, Set<string>>()
  const hold = (doc: PolicyDocument, principal: string): void => {
    if (exclude.has(principal)) return
    let set = holdersByDoc.get(doc)
    if (set === undefined) holdersByDoc.set(doc, (set = new Set()))
    set.add(principal)
  }
  const holdManaged = (arn: string, principal: string): void => {
    const policy = policies.get(arn)
    if (policy === undefined) return
    // Either notion of "default version" (flag or id): a superset is safe.
    for (const v of policy.versions) if (v.isDefault || v.versionId === policy.defaultVersionId) hold(v.document, principal)
  }
  for (const p of [...aws.users, ...aws.roles]) {
    for (const inline of p.inlinePolicies) hold(inline.document, p.arn)
    for (const arn of p.attachedPolicies) holdManaged(arn, p.arn)
  }
  for (const u of aws.users) {
    for (const g of u.groups) {
      const group = groups.get(g)
      if (group === undefined) continue
      for (const inline of group.inlinePolicies) hold(inline.document, u.arn)
      for (const arn of group.attachedPolicies) holdManaged(arn, u.arn)
    }
  }
  const statements: IndexedStatement[] = []
  for (const [doc, holders] of holdersByDoc) {
    for (const raw of asArray((doc as { Statement?: unknown }).Statement)) {
      if (raw === null || typeof raw !== 'object') continue
      const st = raw as Record<string, unknown>
      if (st.Effect !== 'Allow') continue
      const isNegated = st.NotAction !== undefined
      const actions = compileActions(asArray(isNegated ? st.NotAction : st.Action).map(String), isNegated)
      const resources = st.NotResource !== undefined || st.Resource === undefined ? null : asArray(st.Resource).map((r) => String(r).toLowerCase())
      statements.push({ actions, resources, holders: [...holders] })
    }
  }

  const perAction = new Map<string, ActionIndex>()
  const actionIndex = (actionLower: string): ActionIndex => {
    let index = perAction.get(actionLower)
    if (index !== undefined) return index
    const always = new Set<string>()
    const byPattern = new Map<string, string[]>()
    for (const st of statements) {
      if (!statementMatchesAction(st.actions, actionLower)) continue
      if (st.resources === null || st.resources.some((r) => r === '*')) {
        for (const h of st.holders) always.add(h)
        continue
      }
      for (const r of st.resources) {
        const list = byPattern.get(r)
        if (list === undefined) byPattern.set(r, [...st.holders])
        else for (const h of st.holders) list.push(h)
      }
    }
    const byPrefix = new Map<number, Map<string, { re: RegExp; holders: readonly string[] }[]>>()
    for (const [pattern, holders] of byPattern) {
      const prefix = literalPrefix(pattern)
      let byLiteral = byPrefix.get(prefix.length)
      if (byLiteral === undefined) byPrefix.set(prefix.length, (byLiteral = new Map()))
      const entry = { re: looseGlob(pattern), holders }
      const list = byLiteral.get(prefix)
      if (list === undefined) byLiteral.set(prefix, [entry])
      else list.push(entry)
    }
    index = { always: [...always].sort(), alwaysSet: always, byPrefix, everyone: null }
    perAction.set(actionLower, index)
    return index
  }

  const accountOfPrincipal = (arn: string): string | undefined => users.get(arn)?.accountId ?? roles.get(arn)?.accountId

  /**
   * The resource-side gate of a request, read the way the evaluator reads it (SERVICE_RULES): the
   * principals and accounts the governing policy names (a role's trust policy for sts actions, else
   * the resource's or its bucket's policy), the resource's account, and whether that policy must
   * allow (trust policies for sts:AssumeRole and friends, KMS key policies). Null when the policy
   * admits callers by something other than a name (`*`, NotPrincipal, session ARNs).
   */
  const gateOf = (actionLower: string, resource: string): ResourceGate | null => {
    const rule = SERVICE_RULES[actionLower.slice(0, Math.max(0, actionLower.indexOf(':')))]
    const role = roles.get(resource)
    const trustIsResourcePolicy = role !== undefined && rule?.policySource === 'trust'
    const docs: PolicyDocument[] = []
    if (trustIsResourcePolicy) docs.push(role.trustPolicy)
    const record = resources.get(resource)
    if (record?.policy) docs.push(record.policy)
    const bucket = /^arn:[^:]+:s3:::([^/]+)\//.exec(resource)
    const bucketRecord = bucket ? resources.get(`arn:aws:s3:::${bucket[1]}`) : undefined
    if (bucketRecord?.policy) docs.push(bucketRecord.policy)
    const named: string[] = []
    const accounts = new Set<string>()
    for (const doc of docs) {
      for (const raw of asArray((doc as { Statement?: unknown }).Statement)) {
        if (raw === null || typeof raw !== 'object') continue
        const st = raw as Record<string, unknown>
        if (st.Effect !== 'Allow') continue
        if (st.NotPrincipal !== undefined || st.Principal === '*') return null
        const principal = st.Principal
        if (principal === null || typeof principal !== 'object') continue
        for (const entry of asArray((principal as Record<string, unknown>).AWS).map(String)) {
          if (entry === '*' || entry.includes(':assumed-role/') || entry.includes(':sts:')) return null
          if (users.has(entry) || roles.has(entry)) named.push(entry)
          const account = /^\d{12}$/.test(entry) ? entry : /^arn:[^:]+:iam::(\d{12}):root$/.exec(entry)?.[1]
          if (account !== undefined) accounts.add(account)
        }
      }
    }
    const resourceAccount = /^arn:[^:]+:[^:]+:[^:]*:(\d{12}):/.exec(resource)?.[1] ?? record?.accountId ?? bucketRecord?.accountId ?? null
    // A resource policy that names nobody grants nobody across accounts; identity policies still
    // reach same-account resources unless the resource-side policy is mandatory (a role's trust).
    const hasResourcePolicy = trustIsResourcePolicy || record?.policy != null || bucketRecord?.policy != null
    return { named, accounts, resourceAccount, isMandatory: rule?.requiresResourcePolicy(actionLower, resource) === true, hasResourcePolicy }
  }

  /** Identity candidates allowed through the gate: by their account (unknown resource account: no filter). */
  const admits = (gate: ResourceGate, principal: string): boolean => {
    if (gate.resourceAccount === null) return true
    const account = accountOfPrincipal(principal)
    if (account === undefined) return true
    if (account === gate.resourceAccount) return !gate.isMandatory || gate.accounts.has(account)
    return gate.hasResourcePolicy && gate.accounts.has(account)
  }

  /** A sorted principal list split by account (each part sorted; principals of unknown account apart), memoised per list. */
  const partitions = new WeakMap<readonly string[], { byAccount: Map<string, string[]>; unplaced: string[] }>()
  const partition = (list: readonly string[]): { byAccount: Map<string, string[]>; unplaced: string[] } => {
    let split = partitions.get(list)
    if (split === undefined) {
      split = { byAccount: new Map(), unplaced: [] }
      for (const h of list) {
        const account = accountOfPrincipal(h)
        if (account === undefined) split.unplaced.push(h)
        else {
          const part = split.byAccount.get(account)
          if (part === undefined) split.byAccount.set(account, [h])
          else part.push(h)
        }
      }
      partitions.set(list, split)
    }
    return split
  }
  /** Members of `list` in `account` (and those of unknown account), sorted. */
  const ofAccount = (list: readonly string[], account: string): readonly string[] => {
    const { byAccount, unplaced } = partition(list)
    const own = byAccount.get(account) ?? []
    return unplaced.length === 0 ? own : mergeSorted(unplaced, own)
  }

  /** The resource-independent candidates that pass the gate. */
  const admittedAlways = (index: ActionIndex, gate: ResourceGate): readonly string[] => {
    if (gate.resourceAccount === null) return index.always
    const { byAccount, unplaced } = partition(index.always)
    const lists: (readonly string[])[] = unplaced.length > 0 ? [unplaced] : []
    const own = gate.resourceAccount
    if (!gate.isMandatory || gate.accounts.has(own)) lists.push(byAccount.get(own) ?? [])
    if (gate.hasResourcePolicy) for (const account of gate.accounts) if (account !== own) lists.push(byAccount.get(account) ?? [])
    return lists.reduce<readonly string[]>((merged, list) => (merged.length === 0 ? list : list.length === 0 ? merged : mergeSorted(merged, list)), [])
  }

  return {
    candidates(action, resource) {
      const actionLower = action.toLowerCase()
      const index = actionIndex(actionLower)
      if (resource.includes('*') || resource.includes('?')) {
        // A pattern question ("may it create some role?"): resource prefixes cannot exclude anyone.
        if (index.everyone === null) {
          const all = new Set(index.always)
          for (const byLiteral of index.byPrefix.values()) for (const list of byLiteral.values()) for (const e of list) for (const h of e.holders) all.add(h)
          index.everyone = [...all].sort()
        }
        // The evaluator applies no resource policy to a pattern and places it in the account its ARN
        // names (else the caller's): with a literal account, only that account's principals qualify.
        const account = /^arn:[^:]+:[^:]+:[^:]*:(\d{12}):/.exec(resource)?.[1]
        return account === undefined ? index.everyone : ofAccount(index.everyone, account)
      }
      const gate = gateOf(actionLower, resource)
      if (gate === null) return null
      const always = index.alwaysSet
      let extra: Set<string> | null = null
      const lower = resource.toLowerCase()
      for (const [length, byLiteral] of index.byPrefix) {
        if (length > lower.length) continue
        const list = byLiteral.get(lower.slice(0, length))
        if (list === undefined) continue
        for (const e of list) if (e.re.test(lower)) for (const h of e.holders) if (!always.has(h) && admits(gate, h)) (extra ??= new Set()).add(h)
      }
      for (const n of gate.named) if (!exclude.has(n)) (extra ??= new Set()).add(n)
      const base = admittedAlways(index, gate)
      if (extra !== null) for (const h of base) extra.delete(h)
      return extra === null || extra.size === 0 ? base : mergeSorted(base, [...extra].sort())
    },
  }
}
