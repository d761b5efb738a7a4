/**
 * @module aws/policy/glob
 * IAM wildcard patterns (`*` any run, `?` one character): compiled matchers
 * with fast paths, and the two pattern-vs-pattern questions the evaluator asks
 * for attacker-chosen names ("can these overlap?", "does this cover that?").
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
 */

/** One token of a pattern: a literal character or a wildcard. */
export type GlobToken = { readonly t: 'c'; readonly c: string } | { readonly t: '*' } | { readonly t: '?' }

/** A compiled string test. Kinds other than `regex` avoid the regex engine on the hot path. */
export type StringMatcher =
  | { readonly kind: 'any' }
  | { readonly kind: 'exact'; readonly value: string }
  | { readonly kind: 'prefix'; readonly value: string }
  | { readonly kind: 'regex'; readonly re: RegExp }

/** True when the string contains an IAM wildcard. */
export function hasWildcard(value: string): boolean {
  return value.includes('*') || value.includes('?')
}

/** Escape a literal for use inside a RegExp source. */
export function escapeRegex(value: string): string {
  return value.length === 1 ? (REGEX_SPECIAL.has(value) ? `\\${value}` : value) : value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

const REGEX_SPECIAL: ReadonlySet<string> = new Set(['.', '*', '+', '?', '^', '$', '{', '}', '(', ')', '|', '[', ']', '\\', '/'])

/**
 * Regex source for a glob over a run of tokens. `star` is the source used for
 * `*` (`.*` normally, `[^:]*` inside an ARN segment where wildcards do not cross colons).
 */
export function globTokensToRegexSource(tokens: readonly GlobToken[], star = '.*', one = '.'): string {
  let out = ''
  for (const token of tokens) {
    if (token.t === '*') out += star
    else if (token.t === '?') out += one
    else out += escapeRegex(token.c)
  }
  return out
}

/** Tokenise a plain glob (no policy variables): every `*` and `?` is a wildcard. */
export function tokeniseGlob(pattern: string): GlobToken[] {
  const tokens: GlobToken[] = []
  for (const c of pattern) {
    if (c === '*') tokens.push({ t: '*' })
    else if (c === '?') tokens.push({ t: '?' })
    else tokens.push({ t: 'c', c })
  }
  return tokens
}

/**
 * Compile a glob to a matcher. With `ignoreCase` the caller must pass
 * lower-cased input to `testString` (actions are compared case-insensitively:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html).
 */
export function compileGlob(pattern: string, ignoreCase = false): StringMatcher {
  const p = ignoreCase ? pattern.toLowerCase() : pattern
  if (p === '*') return { kind: 'any' }
  if (!hasWildcard(p)) return { kind: 'exact', value: p }
  const firstWild = p.search(/[*?]/)
  if (firstWild === p.length - 1 && p.endsWith('*')) return { kind: 'prefix', value: p.slice(0, -1) }
  return { kind: 'regex', re: new RegExp(`^${globTokensToRegexSource(tokeniseGlob(p))}$`, 's') }
}

/** Test a string against a compiled matcher. */
export function testString(matcher: StringMatcher, value: string): boolean {
  switch (matcher.kind) {
    case 'any':
      return true
    case 'exact':
      return matcher.value === value
    case 'prefix':
      return value.startsWith(matcher.value)
    case 'regex':
      return matcher.re.test(value)
  }
}

/** Cells of the two dynamic programs' memo: one byte per (i, j), no map entry per cell. */
const UNKNOWN = 0
const NO = 1
const YES = 2

/**
 * True when some string matches both patterns (wildcards on both sides).
 * Dynamic programming over the two token lists: a `*` may absorb any token of
 * the other side, including the other side's wildcards.
 */
export function globsOverlap(a: readonly GlobToken[], b: readonly GlobToken[]): boolean {
  const memo = new Uint8Array((a.length + 1) * (b.length + 1))
  const width = b.length + 1
  const go = (i: number, j: number): boolean => {
    const key = i * width + j
    const cached = memo[key] as number
    if (cached !== UNKNOWN) return cached === YES
    let result: boolean
    const ta = a[i]
    const tb = b[j]
    if (ta === undefined && tb === undefined) result = true
    else if (ta?.t === '*') result = go(i + 1, j) || (tb !== undefined && go(i, j + 1))
    else if (tb?.t === '*') result = go(i, j + 1) || (ta !== undefined && go(i + 1, j))
    else if (ta === undefined || tb === undefined) result = false
    else if (ta.t === '?' || tb.t === '?') result = go(i + 1, j + 1)
    else result = ta.c === tb.c && go(i + 1, j + 1)
    memo[key] = result ? YES : NO
    return result
  }
  return go(0, 0)
}

/**
 * True when every string matched by `inner` is matched by `outer`. Sound, not
 * complete: `inner`'s wildcards are treated as symbols that only an `outer`
 * `*` (or `?` for `?`) can absorb, which is exact for the shapes policies use
 * (`prefix*` against `prefix-more*`) and errs on "does not cover" otherwise.
 */
export function globCovers(outer: readonly GlobToken[], inner: readonly GlobToken[]): boolean {
  const memo = new Uint8Array((outer.length + 1) * (inner.length + 1))
  const width = inner.length + 1
  const go = (i: number, j: number): boolean => {
    const key = i * width + j
    const cached = memo[key] as number
    if (cached !== UNKNOWN) return cached === YES
    let result: boolean
    const to = outer[i]
    const ti = inner[j]
    if (to === undefined) result = ti === undefined
    else if (to.t === '*') result = go(i + 1, j) || (ti !== undefined && go(i, j + 1))
    else if (ti === undefined) result = false
    else if (to.t === '?') result = ti.t !== '*' && go(i + 1, j + 1)
    else result = ti.t === 'c' && ti.c === to.c && go(i + 1, j + 1)
    memo[key] = result ? YES : NO
    return result
  }
  return go(0, 0)
}
