/**
 * @module aws/policy/arn
 * ARN patterns as written in Resource / NotResource and the Arn* condition
 * operators: wildcards per colon-separated segment (partition, service,
 * region, account), the resource part matched as one run that may contain
 * `/` and `:`. Policy variables are substituted at evaluation time.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
 */
import type { GlobToken } from './glob.js'
import { globCovers, globsOverlap, globTokensToRegexSource, tokeniseGlob } from './glob.js'
import type { KeyLookup, TemplateToken } from './variables.js'
import { hasVariables, parseTemplate, resolveTemplate } from './variables.js'

/** Outcome of matching one pattern: yes, no, or needs an unknown context key. */
export type MatchOutcome = true | false | { readonly unknownKey: string }

/** A compiled ARN pattern. */
export interface ArnPattern {
  readonly source: string
  /** The pattern's tokens (computed on first use: only variables and pattern requests need them). */
  readonly tokens: readonly TemplateToken[]
  /** Compiled test when the pattern has no variables. */
  readonly test: ((arn: string) => boolean) | null
  /** Faster form of `test` given the offsets of the ARN's first five colons (see {@link colonOffsets}); null when not available. */
  readonly testSplit: ((arn: string, colons: readonly number[]) => boolean) | null
  readonly isAny: boolean
}

/** Offsets of the first five colons of an ARN, or null when it has fewer (computed once per resource). */
export function colonOffsets(arn: string): readonly number[] | null {
  const out: number[] = []
  let pos = -1
  for (let i = 0; i < 5; i++) {
    pos = arn.indexOf(':', pos + 1)
    if (pos < 0) return null
    out.push(pos)
  }
  return out
}

/** Split tokens at the first five literal colons: six ARN segments, or one run when fewer. */
export function splitArnTokens(tokens: readonly GlobToken[]): GlobToken[][] {
  const segments: GlobToken[][] = [[]]
  for (const token of tokens) {
    if (segments.length < 6 && token.t === 'c' && token.c === ':') segments.push([])
    else (segments[segments.length - 1] as GlobToken[]).push(token)
  }
  return segments.length === 6 ? segments : [tokens.slice()]
}

/** Regex for a resolved ARN glob: `*` stays inside a segment except in the resource part. */
export function arnTokensToRegex(tokens: readonly GlobToken[]): RegExp {
  const segments = splitArnTokens(tokens)
  if (segments.length !== 6) return new RegExp(`^${globTokensToRegexSource(tokens)}$`, 's')
  const parts = segments.map((segment, index) =>
    index < 5 ? globTokensToRegexSource(segment, '[^:]*', '[^:]') : globTokensToRegexSource(segment),
  )
  return new RegExp(`^${parts.join(':')}$`, 's')
}

/** A lazily tokenised pattern (tokenising every pattern up front costs more than matching). */
class LazyArnPattern implements ArnPattern {
  #tokens: readonly TemplateToken[] | null
  /**
   * Pattern-vs-pattern answers by request pattern, for a pattern without variables (its answer
   * depends on nothing else): a managed policy's pattern meets the same few request patterns for
   * every principal that holds it. Created on first use.
   */
  #overlaps: Map<string, boolean> | null = null
  #covers: Map<string, boolean> | null = null
  /** The memo of {@link comparePatterns} for one question, or null when the answer depends on the lookup (variables). */
  answers(question: 'overlaps' | 'covers'): Map<string, boolean> | null {
    // `test` is null exactly when the pattern has variables.
    if (this.test === null) return null
    return question === 'overlaps' ? (this.#overlaps ??= new Map()) : (this.#covers ??= new Map())
  }
  constructor(
    readonly source: string,
    readonly test: ((arn: string) => boolean) | null,
    readonly isAny: boolean,
    tokens: readonly TemplateToken[] | null = null,
    readonly testSplit: ((arn: string, colons: readonly number[]) => boolean) | null = null,
  ) {
    this.#tokens = tokens
  }
  get tokens(): readonly TemplateToken[] {
    return (this.#tokens ??= parseTemplate(this.source))
  }
}

/**
 * A regex-free test for the common shapes: the first five segments literal or
 * `*`, the resource part literal, `*` or `prefix*`. It walks the colons with
 * indexOf and compares in place, allocating nothing. Null when the shape is
 * not one of these (the caller falls back to a regex).
 */
function compileSegmentTest(source: string): { test: (arn: string) => boolean; testSplit: (arn: string, colons: readonly number[]) => boolean } | null {
  const parts = source.split(':')
  if (parts.length < 6) return null
  const head = parts.slice(0, 5)
  const resource = parts.slice(5).join(':')
  if (head.some((segment) => segment !== '*' && (segment.includes('*') || segment.includes('?')))) return null
  const star = resource.indexOf('*')
  if (resource.includes('?') || (star >= 0 && star !== resource.length - 1)) return null
  const resourcePrefix = star >= 0 ? resource.slice(0, -1) : resource
  const isResourcePrefix = star >= 0
  // Literal head segments as [index, text]; `*` segments need no check.
  const literal = head.flatMap((segment, index) => (segment === '*' ? [] : [[index, segment] as const]))
  const testSplit = (arn: string, colons: readonly number[]): boolean => {
    // The resource part first: it is where patterns differ most.
    const start = (colons[4] as number) + 1
    if (isResourcePrefix ? !arn.startsWith(resourcePrefix, start) : arn.length - start !== resourcePrefix.length || !arn.startsWith(resourcePrefix, start))
      return false
    for (const [index, segment] of literal) {
      const from = index === 0 ? 0 : (colons[index - 1] as number) + 1
      if ((colons[index] as number) - from !== segment.length || !arn.startsWith(segment, from)) return false
    }
    return true
  }
  return {
    testSplit,
    test: (arn) => {
      const colons = colonOffsets(arn)
      return colons !== null && testSplit(arn, colons)
    },
  }
}

/** Compile an ARN pattern once. */
export function compileArnPattern(source: string): ArnPattern {
  if (source.includes('${')) {
    const tokens = parseTemplate(source)
    if (hasVariables(tokens)) return new LazyArnPattern(source, null, false, tokens)
    // Only escapes (`${*}`): a fixed pattern whose `*` may be literal, so use the token regex.
    const re = arnTokensToRegex(tokens as readonly GlobToken[])
    return new LazyArnPattern(source, (arn) => re.test(arn), false, tokens)
  }
  if (source === '*') return new LazyArnPattern(source, () => true, true)
  if (!source.includes('*') && !source.includes('?')) return new LazyArnPattern(source, (arn) => arn === source, false)
  const fast = compileSegmentTest(source)
  if (fast !== null) return new LazyArnPattern(source, fast.test, false, null, fast.testSplit)
  const re = arnTokensToRegex(tokeniseGlob(source))
  return new LazyArnPattern(source, (arn) => re.test(arn), false)
}

/** Match a concrete ARN against a pattern, substituting variables from `lookup`. */
export function matchArn(pattern: ArnPattern, arn: string, lookup: KeyLookup): MatchOutcome {
  if (pattern.test !== null) return pattern.test(arn)
  const resolved = resolveTemplate(pattern.tokens, lookup)
  if (!resolved.ok) return resolved.unknownKey === null ? false : { unknownKey: resolved.unknownKey }
  return arnTokensToRegex(resolved.tokens).test(arn)
}

/** Resolve a pattern's variables for pattern-vs-pattern questions. */
function resolvePatternTokens(pattern: ArnPattern, lookup: KeyLookup): readonly GlobToken[] | MatchOutcome {
  const resolved = resolveTemplate(pattern.tokens, lookup)
  if (!resolved.ok) return resolved.unknownKey === null ? false : { unknownKey: resolved.unknownKey }
  return resolved.tokens
}

/** True when `value.slice(from, to)` holds an IAM wildcard. */
function hasWildcardIn(value: string, from: number, to: number): boolean {
  const star = value.indexOf('*', from)
  if (star >= 0 && star < to) return true
  const one = value.indexOf('?', from)
  return one >= 0 && one < to
}

/**
 * True when two ARN globs (no policy variables) both have six fields and one of
 * the first five holds a different literal on each side. Wildcards do not cross
 * colons there ({@link compareArnGlobs} compares field by field), so such globs
 * neither overlap nor cover each other. False means "compare them".
 */
export function headFieldsDiffer(a: string, b: string): boolean {
  let differ = false
  let aFrom = 0
  let bFrom = 0
  for (let field = 0; field < 5; field++) {
    const aTo = a.indexOf(':', aFrom)
    const bTo = b.indexOf(':', bFrom)
    // Fewer than six fields: compared as one run, where a wildcard may span colons.
    if (aTo < 0 || bTo < 0) return false
    if (!differ && !hasWildcardIn(a, aFrom, aTo) && !hasWildcardIn(b, bFrom, bTo)) {
      differ = aTo - aFrom !== bTo - bFrom || a.slice(aFrom, aTo) !== b.slice(bFrom, bTo)
    }
    aFrom = aTo + 1
    bFrom = bTo + 1
  }
  return differ
}

/** Per-segment comparison of two ARN globs, or whole-run when either is not six segments. */
function compareArnGlobs(a: readonly GlobToken[], b: readonly GlobToken[], op: (x: readonly GlobToken[], y: readonly GlobToken[]) => boolean): boolean {
  const sa = splitArnTokens(a)
  const sb = splitArnTokens(b)
  if (sa.length === 6 && sb.length === 6) return sa.every((segment, i) => op(segment, sb[i] as GlobToken[]))
  return op(a, b)
}

/** Can a name matched by `request` (a pattern) also be matched by the policy pattern? */
export function arnPatternOverlaps(pattern: ArnPattern, request: string, lookup: KeyLookup): MatchOutcome {
  return comparePatterns(pattern, request, lookup, globsOverlap, 'overlaps')
}

/** Does the policy pattern match every name the request pattern can take? */
export function arnPatternCovers(pattern: ArnPattern, request: string, lookup: KeyLookup): MatchOutcome {
  return comparePatterns(pattern, request, lookup, globCovers, 'covers')
}

function comparePatterns(
  pattern: ArnPattern,
  request: string,
  lookup: KeyLookup,
  op: (x: readonly GlobToken[], y: readonly GlobToken[]) => boolean,
  question: 'overlaps' | 'covers',
): MatchOutcome {
  if (pattern.isAny) return true
  const memo = pattern instanceof LazyArnPattern ? pattern.answers(question) : null
  const known = memo?.get(request)
  if (known !== undefined) return known
  // A pattern without variables (`test` not null) equal to the request matches the same names:
  // it overlaps and covers it. M's resource access asks this of 4 k of its 12 k pairs
  // (`arn:aws:s3:::b/*` against the same text), each ~20 µs through the token comparison.
  if (pattern.test !== null && pattern.source === request) return true
  // Most pairs differ in a literal service or account: answered without tokenising either side
  // (a pattern with variables, whose `test` is null, is compared after resolving them).
  if (pattern.test !== null && headFieldsDiffer(pattern.source, request)) {
    memo?.set(request, false)
    return false
  }
  const tokens = resolvePatternTokens(pattern, lookup)
  if (!Array.isArray(tokens)) return tokens as MatchOutcome
  const answer = compareArnGlobs(tokens, tokeniseGlob(request), op)
  memo?.set(request, answer)
  return answer
}

/** Parsed ARN fields, or null when the string is not an ARN. */
export interface ArnParts {
  readonly partition: string
  readonly service: string
  readonly region: string
  readonly account: string
  readonly resource: string
}

/** Split an ARN into its fields (the resource part keeps its colons). */
export function parseArn(arn: string): ArnParts | null {
  if (!arn.startsWith('arn:')) return null
  const parts = arn.split(':')
  if (parts.length < 6) return null
  return {
    partition: parts[1] as string,
    service: parts[2] as string,
    region: parts[3] as string,
    account: parts[4] as string,
    resource: parts.slice(5).join(':'),
  }
}
