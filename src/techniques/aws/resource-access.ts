/**
 * @module techniques/aws/resource-access
 * CanAccess edges: which principal may act on which resource, at which
 * access levels. Bounded by what policies name (DESIGN.md "Performance"):
 * a statement that names a resource (or a resource policy that names a
 * principal) gives a per-resource edge; a wildcard grant gives ONE edge to
 * the service scope of the principal's account, never one per resource.
 */
import type { AccessLevel, AwsResource, ConditionRef, EdgeInput, Evidence, NonEmpty, PolicyDocument } from '../../model/index.js'
import { ACCESS_LEVELS, awsServiceScopeId } from '../../model/index.js'
import type { Technique } from '../technique.js'
import type { ActionCatalog, AwsTechniqueContext, Grant } from './context.js'
import { combineGrants, pushTo } from './context.js'

/** At most this many actions are evaluated per (principal, target, access level): enough to find one allowed. */
const PROBES_PER_LEVEL = 4

const TECHNIQUE = 'aws/resource-access'

/** A concrete object key used to ask the evaluator about "an object in this bucket" with the bucket policy applied. */
const OBJECT_PROBE_KEY = 'crownpath-probe-object'

/** The literal resource of actions without resource-level permissions. */
const ANY_RESOURCE: readonly string[] = ['*']

interface Candidate {
  readonly principal: string
  readonly target: string
  /**
   * Action patterns of the statements that named the target, in first-seen order. The first
   * grant's own list until another grant adds patterns: most candidates come from one grant.
   */
  patterns: readonly string[]
  isNegated: boolean
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return []
  return Array.isArray(value) ? value : [value]
}

/** The values as strings, each once, in first-seen order. */
function distinctStrings(values: readonly unknown[]): string[] {
  return [...new Set(values.map(String))]
}

/** Statements of a document. */
function statementsOf(doc: PolicyDocument | null | undefined): Record<string, unknown>[] {
  if (!doc) return []
  return asArray((doc as { Statement?: unknown }).Statement).filter((s): s is Record<string, unknown> => s !== null && typeof s === 'object')
}

/**
 * Glob (`*`, `?`) → a test, case-sensitive as ARNs are. The common shape, a literal with one
 * trailing `*` (`arn:aws:s3:::bucket/*`), is a prefix test: compiling thousands of one-off
 * regular expressions costs more than the matching they do.
 */
function globTest(pattern: string): (value: string) => boolean {
  const star = pattern.indexOf('*')
  if (star === pattern.length - 1 && !pattern.includes('?')) {
    const literal = pattern.slice(0, -1)
    return (value) => value.startsWith(literal)
  }
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`)
  return (value) => re.test(value)
}

/** The service of an action pattern (`s3:Get*` → `s3`), or null for `*`. */
function serviceOfAction(pattern: string): string | null {
  const i = pattern.indexOf(':')
  return i > 0 ? pattern.slice(0, i).toLowerCase() : null
}

/** True when a Resource string covers every resource of its service in an account (`*`, `arn:aws:s3:::*`, `arn:aws:sqs:*:*:*`). */
function isServiceWide(resource: string): boolean {
  if (resource === '*') return true
  const parts = resource.split(':')
  if (parts.length < 6) return false
  const rest = parts.slice(5).join(':')
  return rest === '*' || rest === '*/*'
}

/** The identity policy documents of a user or role (inline, attached default versions, and its groups'). */
function identityDocuments(ctx: AwsTechniqueContext, arn: string): PolicyDocument[] {
  const rec = ctx.users.get(arn) ?? ctx.roles.get(arn)
  if (!rec) return []
  const docs: PolicyDocument[] = rec.inlinePolicies.map((p) => p.document)
  const holders = [rec, ...(ctx.users.get(arn)?.groups ?? []).map((g) => ctx.groups.get(g)).filter((g) => g !== undefined)]
  for (const h of holders) {
    if (h !== rec) docs.push(...h.inlinePolicies.map((p) => p.document))
    for (const p of h.attachedPolicies) {
      const policy = ctx.policies.get(p)
      const version = policy?.versions.find((v) => v.versionId === policy.defaultVersionId) ?? policy?.versions.find((v) => v.isDefault)
      if (version) docs.push(version.document)
    }
  }
  return docs
}

/** Derive CanAccess edges (pure apart from evaluator calls). Scope targets are `aws:scope:<account>:<service>` ids; the deriver adds those nodes. */
export function deriveResourceAccess(ctx: AwsTechniqueContext, catalog: ActionCatalog): EdgeInput[] {
  const edges: EdgeInput[] = []
  // Resources by ARN come from the context's own index.
  const byService = new Map<string, AwsResource[]>()
  for (const r of ctx.inventory.resources) {
    const colon = r.type.indexOf(':')
    pushTo(byService, colon < 0 ? r.type : r.type.slice(0, colon), r)
  }
  interface SortedEntry {
    readonly arn: string
    readonly resource: AwsResource
    /** Position in the service's inventory-order list. */
    readonly order: number
  }
  const sortedByService = new Map<string, SortedEntry[]>()
  const sortedOf = (svc: string): SortedEntry[] => {
    let sorted = sortedByService.get(svc)
    if (sorted === undefined) {
      sorted = (byService.get(svc) ?? []).map((resource, order) => ({ arn: resource.arn, resource, order }))
      sorted.sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : a.order - b.order))
      sortedByService.set(svc, sorted)
    }
    return sorted
  }
  const lowerBound = (sorted: readonly SortedEntry[], key: string): number => {
    let lo = 0
    let hi = sorted.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if ((sorted[mid] as SortedEntry).arn < key) lo = mid + 1
      else hi = mid
    }
    return lo
  }
  // Which inventoried resources a Resource string names; the same string recurs across
  // principals (shared managed policies), so answers are memoised.
  const matched = new Map<string, readonly string[]>()
  const matchResources = (resource: string): readonly string[] => {
    let out = matched.get(resource)
    if (out) return out
    const hits: string[] = []
    if (!/[*?]/.test(resource)) {
      if (ctx.resource(resource) !== undefined) hits.push(resource)
      // An object ARN inside a known bucket reaches the bucket's data.
      const bucket = /^arn:aws:s3:::([^/]+)\//.exec(resource)
      if (bucket && ctx.resource(`arn:aws:s3:::${bucket[1]}`) !== undefined) hits.push(`arn:aws:s3:::${bucket[1]}`)
    } else {
      const svc = resource.split(':')[2]?.toLowerCase() ?? ''
      const matches = globTest(resource)
      const test = (r: AwsResource): boolean => matches(r.arn) || (svc === 's3' && matches(`${r.arn}/x`))
      // Only ARNs that start with the pattern's literal prefix can match: a binary search over
      // the service's sorted ARNs finds them without scanning the service (kept in inventory order).
      const prefix = resource.slice(0, resource.search(/[*?]/))
      const sorted = sortedOf(svc)
      const found: number[] = []
      for (let i = lowerBound(sorted, prefix); i < sorted.length && (sorted[i] as SortedEntry).arn.startsWith(prefix); i++) {
        const e = sorted[i] as SortedEntry
        if (test(e.resource)) found.push(e.order)
      }
      // `arn:aws:s3:::bucket/*` names the objects of a bucket whose ARN is shorter than the prefix:
      // the bucket is looked up in the same sorted list (a map from every resource to its position
      // took ~0.1 s to build on M, profiled, for the few buckets asked about here).
      const list = byService.get(svc) ?? []
      for (let slash = svc === 's3' ? prefix.indexOf('/') : -1; slash >= 0; slash = prefix.indexOf('/', slash + 1)) {
        const bucketArn = prefix.slice(0, slash)
        const bucket = sorted[lowerBound(sorted, bucketArn)]
        if (bucket !== undefined && bucket.arn === bucketArn && !found.includes(bucket.order) && test(bucket.resource)) found.push(bucket.order)
      }
      found.sort((a, b) => a - b)
      for (const i of found) hits.push((list[i] as AwsResource).arn)
    }
    out = hits
    matched.set(resource, out)
    return out
  }
  // Candidates in first-seen order (the order edges come out in), found by principal then target:
  // both are strings the inventory already hashed, where a joined key per grant was a fresh one.
  const candidates: Candidate[] = []
  const candidateOf = new Map<string, Map<string, Candidate>>()
  const addCandidate = (principal: string, target: string, patterns: readonly string[], isNegated: boolean): void => {
    let byTarget = candidateOf.get(principal)
    if (byTarget === undefined) candidateOf.set(principal, (byTarget = new Map()))
    const c = byTarget.get(target)
    if (c === undefined) {
      const created: Candidate = { principal, target, patterns, isNegated }
      byTarget.set(target, created)
      candidates.push(created)
      return
    }
    if (c.patterns !== patterns) {
      const union = new Set(c.patterns)
      const size = union.size
      for (const p of patterns) union.add(p)
      if (union.size !== size) c.patterns = [...union]
    }
    c.isNegated ||= isNegated
  }

  // 1. Identity statements: named resources → per-resource; service-wide → the scope. A managed
  // policy's document is one object shared by all its holders: read each document once.
  interface DocumentGrant {
    readonly patterns: readonly string[]
    readonly isNegated: boolean
    /** Services whose scope (in the holder's account) the statement covers. */
    readonly scopes: readonly string[]
    /** Inventoried resources the statement names. */
    readonly arns: readonly string[]
  }
  const grantsByDocument = new Map<PolicyDocument, readonly DocumentGrant[]>()
  const grantsOf = (doc: PolicyDocument): readonly DocumentGrant[] => {
    let grants = grantsByDocument.get(doc)
    if (grants !== undefined) return grants
    const out: DocumentGrant[] = []
    for (const st of statementsOf(doc)) {
      if (st.Effect !== 'Allow') continue
      const isNegated = st.NotAction !== undefined
      const patterns = distinctStrings(asArray(isNegated ? st.NotAction : st.Action))
      const services = new Set<string>()
      if (isNegated || patterns.some((p) => serviceOfAction(p) === null)) for (const s of byService.keys()) services.add(s)
      else for (const p of patterns) services.add(serviceOfAction(p) as string)
      const resources = st.NotResource !== undefined ? ['*'] : asArray(st.Resource).map(String)
      const scopes = new Set<string>()
      const arns: string[] = []
      for (const resource of resources) {
        if (isServiceWide(resource)) {
          const svcOfRes = resource === '*' ? null : (resource.split(':')[2]?.toLowerCase() ?? null)
          for (const svc of services) if (svcOfRes === null || svcOfRes === svc) scopes.add(svc)
          continue
        }
        arns.push(...matchResources(resource))
      }
      if (scopes.size > 0 || arns.length > 0) out.push({ patterns, isNegated, scopes: [...scopes], arns })
    }
    grants = out
    grantsByDocument.set(doc, grants)
    return grants
  }
  for (const actor of ctx.actors) {
    if (ctx.isTierZero(actor.arn)) continue // tier zero reaches everything through its account
    const account = actor.accountId
    for (const doc of identityDocuments(ctx, actor.arn)) {
      for (const grant of grantsOf(doc)) {
        for (const svc of grant.scopes) addCandidate(actor.arn, awsServiceScopeId(account, svc), grant.patterns, grant.isNegated)
        for (const arn of grant.arns) addCandidate(actor.arn, arn, grant.patterns, grant.isNegated)
      }
    }
  }
  // 2. Resource policies naming inventory principals.
  for (const r of ctx.inventory.resources) {
    for (const st of statementsOf(r.policy)) {
      if (st.Effect !== 'Allow') continue
      const principal = st.Principal
      const named = principal && typeof principal === 'object' ? asArray((principal as Record<string, unknown>).AWS).map(String) : []
      const isNegated = st.NotAction !== undefined
      const patterns = distinctStrings(asArray(isNegated ? st.NotAction : st.Action))
      for (const p of named) if ((ctx.users.has(p) || ctx.roles.has(p)) && !ctx.isTierZero(p)) addCandidate(p, r.arn, patterns, isNegated)
    }
  }

  // 3. Evaluate each candidate per access level. Expanding patterns walks the
  // whole catalogue, so expansions are memoised by pattern set.
  const sortedKeys = new Map<readonly string[], string>()
  const patternKey = (c: Candidate): string => {
    let sorted = sortedKeys.get(c.patterns)
    if (sorted === undefined) sortedKeys.set(c.patterns, (sorted = [...c.patterns].sort().join(',')))
    return c.isNegated ? `!${sorted}` : sorted
  }
  const expansions = new Map<string, string[]>()
  const expand = (c: Candidate, key: string): string[] => {
    let out = expansions.get(key)
    if (!out) {
      out = catalog.expandAll([...c.patterns], c.isNegated)
      expansions.set(key, out)
    }
    return out
  }
  // The probe plan (which actions to try per access level, at most PROBES_PER_LEVEL each) depends only
  // on the expanded patterns and the target's type, not on the principal: build it once per shape.
  type ProbeKind = 'resource' | 'object' | 'scope' | 'wildcard'
  const plans = new Map<string, ReadonlyMap<AccessLevel, readonly { action: string; kind: ProbeKind }[]>>()
  const planFor = (c: Candidate, svc: string, typeName: string | null): ReadonlyMap<AccessLevel, readonly { action: string; kind: ProbeKind }[]> => {
    const expKey = patternKey(c)
    const key = `${expKey}\u0000${svc}\u0000${typeName ?? '\u0001scope'}`
    let plan = plans.get(key)
    if (plan !== undefined) return plan
    const probes: { action: string; kind: ProbeKind }[] = []
    for (const action of expand(c, expKey)) {
      if (serviceOfAction(action) !== svc) continue
      const entry = catalog.get(action)
      if (typeName === null) {
        probes.push({ action, kind: entry?.isWildcardOnly ? 'wildcard' : 'scope' })
        continue
      }
      // The reference spells some types with capitals (`Secret`); inventory types are lower-case.
      const types = entry?.resourceTypes.map((t) => t.name.toLowerCase()) ?? []
      if (types.includes(typeName)) probes.push({ action, kind: 'resource' })
      // Object actions: "some object" as a pattern (identity side), then one concrete key so the bucket policy applies too.
      else if (svc === 's3' && typeName === 'bucket' && types.includes('object')) probes.push({ action, kind: 'object' })
    }
    const byLevel = new Map<AccessLevel, { action: string; kind: ProbeKind }[]>()
    for (const p of probes) {
      const level = catalog.accessLevel(p.action)
      if (!level) continue
      pushTo(byLevel, level, p)
    }
    for (const [level, list] of byLevel) byLevel.set(level, list.slice(0, PROBES_PER_LEVEL))
    plan = byLevel
    plans.set(key, plan)
    return plan
  }
  // A resource type's service and lower-case type name (`s3:bucket` → `s3`, `bucket`), once per type.
  const typeParts = new Map<string, { readonly svc: string; readonly typeName: string }>()
  const partsOfType = (type: string): { readonly svc: string; readonly typeName: string } => {
    let parts = typeParts.get(type)
    if (parts === undefined) {
      const colon = type.indexOf(':')
      parts = colon < 0 ? { svc: type, typeName: '' } : { svc: type.slice(0, colon), typeName: type.slice(colon + 1).toLowerCase() }
      typeParts.set(type, parts)
    }
    return parts
  }
  for (const c of candidates) {
    const resource = ctx.resource(c.target)
    let plan: ReadonlyMap<AccessLevel, readonly { action: string; kind: ProbeKind }[]>
    let on: (kind: ProbeKind) => readonly string[]
    if (resource) {
      const { svc, typeName } = partsOfType(resource.type)
      plan = planFor(c, svc, typeName)
      const self = [resource.arn]
      const objects = [`${resource.arn}/*`, `${resource.arn}/${OBJECT_PROBE_KEY}`]
      on = (kind) => (kind === 'object' ? objects : self)
    } else {
      const m = /^aws:scope:(\d+):(.+)$/.exec(c.target)
      if (!m) continue
      const svc = m[2] as string
      plan = planFor(c, svc, null)
      const pattern = [svc === 's3' ? 'arn:aws:s3:::*' : `arn:aws:${svc}:*:${m[1]}:*`]
      on = (kind) => (kind === 'wildcard' ? ANY_RESOURCE : pattern)
    }
    const levels: AccessLevel[] = []
    const grants: Grant[] = []
    let hasUnconditional = false
    for (const level of ACCESS_LEVELS) {
      let best: Grant | null = null
      for (const p of plan.get(level) ?? []) {
        let g: Grant | null = null
        for (const target of on(p.kind)) if ((g = ctx.allowed(c.principal, p.action, target))) break
        if (!g) continue
        if (!best || (best.conditions.length > 0 && g.conditions.length === 0)) best = g
        if (g.conditions.length === 0) break
      }
      if (!best) continue
      levels.push(level)
      grants.push(best)
      if (best.conditions.length === 0) hasUnconditional = true
    }
    if (levels.length === 0) continue
    const combined = combineGrants(...grants)
    // One unconditional level makes the edge hold; its conditions then only qualify other levels.
    const conditions: readonly ConditionRef[] = hasUnconditional ? [] : combined.conditions
    // `levels` was grown by push: copied at its length, as it lives on the edge.
    edges.push({ from: c.principal, to: c.target, kind: 'CanAccess', technique: TECHNIQUE, evidence: combined.evidence as NonEmpty<Evidence>, conditions, accessLevels: levels.slice() })
  }
  return edges
}

/** CanAccess as a technique: runs only when the context carries the action catalogue. */
export const resourceAccess: Technique<AwsTechniqueContext> = {
  id: TECHNIQUE,
  provider: 'aws',
  edgeKind: 'CanAccess',
  title: 'Access a resource or a service scope',
  gain: 'access',
  requires: [{ action: '<any action of the resource type>', on: 'target resource, or every resource of a service (scope)' }],
  cost: 1,
  seeAlso: { cloudsplaining: 'resource exposure (data exfiltration, resource exposure findings)' },
  text: {
    general: 'The principal may act on the resource at the listed access levels (List, Read, Write, Permissions management, Tagging), through its identity policies or the resource policy. Grants on `*` reach the service scope of the account (all its resources) through one edge, not one per resource.',
    abuse: 'Use the granted actions (aws s3 cp, aws secretsmanager get-secret-value, ...).',
    opsec: 'Data-plane reads are often not logged (S3 data events are off by default).',
    remediation: 'Name the resources a principal needs instead of `*`, and remove Write / Permissions management where Read suffices.',
    references: ['https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html'],
  },
  detect: (ctx) => (ctx.catalog ? deriveResourceAccess(ctx, ctx.catalog) : []),
}
