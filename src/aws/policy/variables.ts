/**
 * @module aws/policy/variables
 * Policy variables in Resource and Condition values: `${aws:username}`,
 * `${aws:PrincipalTag/team}`, `${key, 'default'}`, and the escapes `${*}`,
 * `${?}`, `${$}` (literal characters, not wildcards).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */
import type { GlobToken } from './glob.js'

/** A pattern token: a glob token or a variable to substitute at evaluation. */
export type TemplateToken = GlobToken | { readonly t: 'v'; readonly key: string; readonly name: string; readonly dflt: string | null }

/**
 * What the evaluator knows about a context key: its values, known absent, or
 * unknown offline (the caller could not tell). Keys are passed lower-cased.
 */
export type KeyLookup = (keyLower: string) => readonly string[] | 'absent' | 'unknown'

/** Result of substituting variables: tokens, no match (absent without default), or an unknown key. */
export type Resolved = { readonly ok: true; readonly tokens: readonly GlobToken[] } | { readonly ok: false; readonly unknownKey: string | null }

const VARIABLE = /\$\{([^}]*)\}/g

/**
 * Parse a string into template tokens. `wildcards` false treats `*`/`?` as
 * literals (condition operators that do not glob).
 */
export function parseTemplate(source: string, wildcards = true): TemplateToken[] {
  const tokens: TemplateToken[] = []
  const pushLiteral = (text: string, glob: boolean): void => {
    for (const c of text) {
      if (glob && c === '*') tokens.push({ t: '*' })
      else if (glob && c === '?') tokens.push({ t: '?' })
      else tokens.push({ t: 'c', c })
    }
  }
  let last = 0
  for (const match of source.matchAll(VARIABLE)) {
    const index = match.index ?? 0
    pushLiteral(source.slice(last, index), wildcards)
    const inner = (match[1] ?? '').trim()
    if (inner === '*' || inner === '?' || inner === '$') pushLiteral(inner, false)
    else {
      // `${aws:username, 'default'}`: a default used when the key is absent.
      const comma = inner.indexOf(',')
      const name = (comma < 0 ? inner : inner.slice(0, comma)).trim()
      const rawDefault = comma < 0 ? null : inner.slice(comma + 1).trim()
      const dflt = rawDefault === null ? null : rawDefault.replace(/^'(.*)'$/s, '$1')
      tokens.push({ t: 'v', key: name.toLowerCase(), name, dflt })
    }
    last = index + match[0].length
  }
  pushLiteral(source.slice(last), wildcards)
  return tokens
}

/** True when a template needs substitution at evaluation time. */
export function hasVariables(tokens: readonly TemplateToken[]): boolean {
  return tokens.some((token) => token.t === 'v')
}

/** The variable names used by a template. */
export function variableNames(tokens: readonly TemplateToken[]): string[] {
  const names: string[] = []
  for (const token of tokens) if (token.t === 'v') names.push(token.name)
  return names
}

/**
 * Substitute variables. A substituted value is literal (its `*` does not
 * become a wildcard). A key known to be absent with no default makes the
 * pattern match nothing, as AWS does; an unknown key is reported, never guessed.
 */
export function resolveTemplate(tokens: readonly TemplateToken[], lookup: KeyLookup): Resolved {
  if (!hasVariables(tokens)) return { ok: true, tokens: tokens as readonly GlobToken[] }
  const out: GlobToken[] = []
  for (const token of tokens) {
    if (token.t !== 'v') {
      out.push(token)
      continue
    }
    const found = lookup(token.key)
    let value: string
    if (found === 'unknown') return { ok: false, unknownKey: token.name }
    if (found === 'absent' || found.length !== 1) {
      // Multi-valued keys cannot be used as variables; treat like absent.
      if (token.dflt === null) return { ok: false, unknownKey: null }
      value = token.dflt
    } else value = found[0] as string
    for (const c of value) out.push({ t: 'c', c })
  }
  return { ok: true, tokens: out }
}

/** Turn literal-only tokens back into a string (for values without wildcards). */
export function tokensToLiteral(tokens: readonly GlobToken[]): string {
  let out = ''
  for (const token of tokens) out += token.t === 'c' ? token.c : token.t
  return out
}
