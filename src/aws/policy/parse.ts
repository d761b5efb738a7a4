/**
 * @module aws/policy/parse
 * Policy documents → compiled statements, once: Statement as object or list,
 * Action/NotAction as case-insensitive globs indexed by service prefix,
 * Resource/NotResource as ARN patterns, Principal/NotPrincipal, Condition.
 * Bad statements become problems naming the policy and statement; the bulk
 * compiler skips them, the explicit parse API throws.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */
import type { DataIssue, PolicyDocument } from '../../model/index.js'
import { CrownpathError } from '../../model/index.js'
import type { ArnPattern } from './arn.js'
import { compileArnPattern } from './arn.js'
import type { CompiledCondition } from './conditions/index.js'
import { compileConditionBlock } from './conditions/index.js'
import type { StringMatcher } from './glob.js'
import { compileGlob, hasWildcard, testString } from './glob.js'
import type { AwsPolicyType } from './types.js'

/** Identifies a document being compiled. */
export interface PolicySource {
  /** Stable id (see MatchedStatement.policy). */
  readonly id: string
  readonly type: AwsPolicyType
  /** Human name, when it differs from the id. */
  readonly name?: string | null
}

/**
 * Compiled pieces shared across the policies of one compilation (an
 * authorizer's): the same Resource string recurs across policies (M: 46k
 * patterns, 14k distinct), and a compiled pattern is immutable.
 */
export interface CompileCache {
  readonly arnPatterns: Map<string, ArnPattern>
}

/** A fresh {@link CompileCache}. */
export function createCompileCache(): CompileCache {
  return { arnPatterns: new Map() }
}

function arnPatternOf(source: string, cache: CompileCache | undefined): ArnPattern {
  if (cache === undefined) return compileArnPattern(source)
  let pattern = cache.arnPatterns.get(source)
  if (pattern === undefined) {
    pattern = compileArnPattern(source)
    cache.arnPatterns.set(source, pattern)
  }
  return pattern
}

/** The Action or NotAction element, compiled. */
export interface ActionMatcher {
  readonly isNegated: boolean
  /** The patterns as written. */
  readonly patterns: readonly string[]
  /** Lower-cased exact actions (fast path). */
  readonly exact: ReadonlySet<string>
  readonly globs: readonly StringMatcher[]
  readonly isAny: boolean
  /** Service prefixes the statement can match; null when it can match any service (wildcard bucket). */
  readonly services: readonly string[] | null
}

/** One entry of a Principal element. */
export type PrincipalRef =
  | { readonly kind: 'account'; readonly account: string }
  | { readonly kind: 'user' | 'role' | 'session' | 'other'; readonly arn: string; readonly account: string | null }

/** The Principal or NotPrincipal element, compiled. */
export interface CompiledPrincipal {
  /** `"*"` or `{"AWS": "*"}`. */
  readonly isAny: boolean
  readonly aws: readonly PrincipalRef[]
  /** Lower-cased service principals (`lambda.amazonaws.com`). */
  readonly services: ReadonlySet<string>
  readonly federated: ReadonlySet<string>
  readonly canonicalUsers: ReadonlySet<string>
}

/** A compiled statement. */
export interface CompiledStatement {
  readonly policy: string
  readonly policyName: string | null
  readonly policyType: AwsPolicyType
  readonly index: number
  readonly sid: string | null
  readonly effect: 'Allow' | 'Deny'
  readonly actions: ActionMatcher
  /** null when the statement has no Resource element (trust policies: the role itself). */
  readonly resources: { readonly isNegated: boolean; readonly patterns: readonly ArnPattern[] } | null
  /** null when the statement has no Principal/NotPrincipal (identity-side policies). */
  readonly principal: CompiledPrincipal | null
  readonly isNotPrincipal: boolean
  readonly conditions: readonly CompiledCondition[]
  /** True when only the action decides whether the statement applies (no condition, principal or resource constraint). */
  readonly isActionOnly: boolean
}

/** A compiled policy document. */
export interface CompiledPolicy {
  readonly id: string
  readonly name: string | null
  readonly type: AwsPolicyType
  readonly statements: readonly CompiledStatement[]
  /** Problems found; the statements they name were skipped. */
  readonly issues: readonly DataIssue[]
}

/** Policy types whose statements must name a principal. */
const NEEDS_PRINCIPAL: ReadonlySet<AwsPolicyType> = new Set(['resource', 'trust', 'rcp'])

/** A string or a list of strings, or null when the element has another shape. */
function stringList(value: unknown): string[] | null {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[]
  return null
}

/** Compile an Action/NotAction list. */
export function compileActions(patterns: readonly string[], isNegated: boolean): ActionMatcher {
  const exact = new Set<string>()
  const globs: StringMatcher[] = []
  let isAny = false
  let services: Set<string> | null = new Set()
  for (const pattern of patterns) {
    const lower = pattern.toLowerCase()
    if (lower === '*') isAny = true
    const colon = lower.indexOf(':')
    const service = colon < 0 ? '*' : lower.slice(0, colon)
    if (hasWildcard(service)) services = null
    else services?.add(service)
    if (hasWildcard(lower)) globs.push(compileGlob(lower, true))
    else exact.add(lower)
  }
  // A NotAction statement can match actions of any service.
  return { isNegated, patterns, exact, globs, isAny, services: isNegated || isAny || services === null ? null : [...services] }
}

/** Does the (positive) action list contain this lower-cased action? */
export function actionListMatches(matcher: ActionMatcher, actionLower: string): boolean {
  if (matcher.isAny || matcher.exact.has(actionLower)) return true
  for (const glob of matcher.globs) if (testString(glob, actionLower)) return true
  return false
}

/** Does the statement's Action/NotAction element apply to this lower-cased action? */
export function statementMatchesAction(matcher: ActionMatcher, actionLower: string): boolean {
  const hit = actionListMatches(matcher, actionLower)
  return matcher.isNegated ? !hit : hit
}

const ACCOUNT_ID = /^\d{12}$/

/** Classify one AWS principal string. */
export function parsePrincipalRef(value: string): PrincipalRef {
  if (ACCOUNT_ID.test(value)) return { kind: 'account', account: value }
  const parts = value.split(':')
  if (parts.length >= 6 && parts[0] === 'arn') {
    const account = parts[4] ?? ''
    const resource = parts.slice(5).join(':')
    if (parts[2] === 'iam' && resource === 'root') return { kind: 'account', account }
    if (parts[2] === 'iam' && resource.startsWith('user/')) return { kind: 'user', arn: value, account }
    if (parts[2] === 'iam' && resource.startsWith('role/')) return { kind: 'role', arn: value, account }
    if (parts[2] === 'sts' && resource.startsWith('assumed-role/')) return { kind: 'session', arn: value, account }
    return { kind: 'other', arn: value, account: account === '' ? null : account }
  }
  // A unique id (AIDA..., AROA...) left behind by a deleted principal matches nobody.
  return { kind: 'other', arn: value, account: null }
}

/** Compile a Principal/NotPrincipal element; a problem string when malformed. */
export function compilePrincipal(raw: unknown): CompiledPrincipal | string {
  const empty = { isAny: false, aws: [], services: new Set<string>(), federated: new Set<string>(), canonicalUsers: new Set<string>() }
  if (raw === '*') return { ...empty, isAny: true }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return 'Principal must be "*" or an object'
  let isAny = false
  const aws: PrincipalRef[] = []
  const services = new Set<string>()
  const federated = new Set<string>()
  const canonicalUsers = new Set<string>()
  for (const [type, value] of Object.entries(raw as Record<string, unknown>)) {
    const list = stringList(value)
    if (list === null) return `Principal \`${type}\` must be a string or a list of strings`
    switch (type) {
      case 'AWS':
        for (const item of list) {
          if (item === '*') isAny = true
          else aws.push(parsePrincipalRef(item))
        }
        break
      case 'Service':
        for (const item of list) services.add(item.toLowerCase())
        break
      case 'Federated':
        for (const item of list) federated.add(item)
        break
      case 'CanonicalUser':
        for (const item of list) canonicalUsers.add(item)
        break
      default:
        return `unknown Principal type \`${type}\``
    }
  }
  return { isAny, aws, services, federated, canonicalUsers }
}

/** Compile one statement, or return the problem that makes it unusable. */
function compileStatement(raw: unknown, index: number, source: PolicySource, cache?: CompileCache): CompiledStatement | string {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return 'statement must be an object'
  const st = raw as Record<string, unknown>
  const effect = st.Effect
  if (effect !== 'Allow' && effect !== 'Deny') return `Effect must be "Allow" or "Deny", got ${JSON.stringify(effect ?? null)}`
  if ((st.Action === undefined) === (st.NotAction === undefined)) return 'exactly one of Action or NotAction is required'
  const actionList = stringList(st.Action ?? st.NotAction)
  if (actionList === null || actionList.length === 0) return 'Action/NotAction must be a non-empty string or list of strings'
  const badAction = actionList.find((action) => action !== '*' && !/^[^:\s]+:\S*$/.test(action))
  if (badAction !== undefined) return `action \`${badAction}\` is not \`service:Action\` or \`*\``
  if (st.Resource !== undefined && st.NotResource !== undefined) return 'Resource and NotResource cannot both be present'
  let resources: CompiledStatement['resources'] = null
  if (st.Resource !== undefined || st.NotResource !== undefined) {
    const list = stringList(st.Resource ?? st.NotResource)
    if (list === null || list.length === 0) return 'Resource/NotResource must be a non-empty string or list of strings'
    resources = { isNegated: st.NotResource !== undefined, patterns: list.map((resource) => arnPatternOf(resource, cache)) }
  } else if (source.type !== 'trust' && source.type !== 'resource') {
    return 'Resource or NotResource is required'
  }
  if (st.Principal !== undefined && st.NotPrincipal !== undefined) return 'Principal and NotPrincipal cannot both be present'
  const rawPrincipal = st.Principal ?? st.NotPrincipal
  let principal: CompiledPrincipal | null = null
  if (rawPrincipal !== undefined) {
    if (!NEEDS_PRINCIPAL.has(source.type)) return `Principal is not allowed in a ${source.type} policy`
    const compiled = compilePrincipal(rawPrincipal)
    if (typeof compiled === 'string') return compiled
    principal = compiled
  } else if (NEEDS_PRINCIPAL.has(source.type)) return `Principal or NotPrincipal is required in a ${source.type} policy`
  const cond = st.Condition
  if (cond !== undefined && (cond === null || typeof cond !== 'object' || Array.isArray(cond))) return 'Condition must be an object'
  const block = compileConditionBlock(cond)
  return {
    policy: source.id,
    policyName: source.name ?? null,
    policyType: source.type,
    index,
    sid: typeof st.Sid === 'string' ? st.Sid : null,
    effect,
    actions: compileActions(actionList, st.NotAction !== undefined),
    resources,
    principal,
    isNotPrincipal: st.NotPrincipal !== undefined,
    conditions: block.conditions,
    isActionOnly:
      block.conditions.length === 0 && principal === null && (resources === null || (!resources.isNegated && resources.patterns.every((p) => p.isAny))),
  }
}

/** The raw statement list of a document (object or array), or a problem. */
function rawStatements(document: unknown): unknown[] | string {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) return 'policy document must be a JSON object'
  const statement = (document as PolicyDocument).Statement
  if (statement === undefined) return 'policy document has no Statement'
  return Array.isArray(statement) ? statement : [statement]
}

/**
 * Compile a document leniently: each malformed statement becomes a
 * DataIssue (`where` = `<policy>#<statement index>`) and is skipped; an
 * unknown condition operator is an issue but keeps the statement (its
 * condition stays unknown, so its effect is conditional, never guessed).
 */
export function compilePolicy(document: unknown, source: PolicySource, cache?: CompileCache): CompiledPolicy {
  const issues: DataIssue[] = []
  const statements: CompiledStatement[] = []
  const raws = rawStatements(document)
  if (typeof raws === 'string') {
    issues.push({ severity: 'error', where: source.id, message: raws })
    return { id: source.id, name: source.name ?? null, type: source.type, statements, issues }
  }
  raws.forEach((raw, index) => {
    const compiled = compileStatement(raw, index, source, cache)
    if (typeof compiled === 'string') {
      issues.push({ severity: 'error', where: `${source.id}#${index}`, message: `statement ${index}: ${compiled}` })
      return
    }
    const block = compileConditionBlock((raw as Record<string, unknown>).Condition)
    for (const problem of block.problems) issues.push({ severity: 'warning', where: `${source.id}#${index}`, message: `statement ${index}: ${problem}` })
    statements.push(compiled)
  })
  return { id: source.id, name: source.name ?? null, type: source.type, statements, issues }
}

/**
 * Compile a document strictly: the first problem throws
 * `CP_ERR_POLICY_INVALID` naming the policy and statement.
 */
export function parsePolicy(document: unknown, source: PolicySource): CompiledPolicy {
  const raws = rawStatements(document)
  if (typeof raws === 'string') throw new CrownpathError('CP_ERR_POLICY_INVALID', { policy: source.id, statement: '-', reason: raws })
  const compiled = compilePolicy(document, source)
  const first = compiled.issues[0]
  if (first !== undefined) {
    const statement = first.where.slice(first.where.lastIndexOf('#') + 1)
    throw new CrownpathError('CP_ERR_POLICY_INVALID', { policy: source.id, statement, reason: first.message.replace(/^statement \d+: /, '') })
  }
  return compiled
}
