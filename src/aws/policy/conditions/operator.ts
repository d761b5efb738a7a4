/**
 * @module aws/policy/conditions/operator
 * The shape of one condition operator (a declarative part plus a pure test
 * compiled per policy value) and the value parsers the operators share.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
import { arnTokensToRegex } from '../arn.js'
import { globTokensToRegexSource, tokeniseGlob } from '../glob.js'

/** A condition operator, without `ForAnyValue:`/`ForAllValues:` prefixes or the `IfExists` suffix. */
export interface ConditionOperator {
  readonly name: string
  /** Negated operators (`StringNotEquals`, `NotIpAddress`, ...) hold when the value matches none of the policy values. */
  readonly negated: boolean
  /** How `*` and `?` in policy values glob: over the whole string, per ARN segment, or not at all. */
  readonly glob: 'string' | 'arn' | null
  readonly description: string
  /** Compile one policy value into the positive test on a context value (for negated operators, the test being negated). */
  readonly compile: (policyValue: string) => (contextValue: string) => boolean
}

/** Parse a numeric condition value; NaN when not a number. */
export function parseNumber(value: string): number {
  return value.trim() === '' ? Number.NaN : Number(value)
}

/** Parse a date condition value (ISO 8601 or epoch seconds) to epoch milliseconds; NaN when invalid. */
export function parseDate(value: string): number {
  const trimmed = value.trim()
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000
  return Date.parse(trimmed)
}

/** A numeric comparison operator (shared by Numeric* and Date*). */
export function comparing(parse: (value: string) => number, cmp: (ctx: number, pol: number) => boolean) {
  return (policyValue: string) => {
    const pol = parse(policyValue)
    return (contextValue: string): boolean => {
      const ctx = parse(contextValue)
      return !Number.isNaN(ctx) && !Number.isNaN(pol) && cmp(ctx, pol)
    }
  }
}

/** A case-sensitive full-string glob test (StringLike). */
export function stringGlob(policyValue: string): (contextValue: string) => boolean {
  if (!policyValue.includes('*') && !policyValue.includes('?')) return (value) => value === policyValue
  const re = new RegExp(`^${globTokensToRegexSource(tokeniseGlob(policyValue))}$`, 's')
  return (value) => re.test(value)
}

/** An ARN glob test, wildcards per segment (ArnLike / ArnEquals). */
export function arnGlob(policyValue: string): (contextValue: string) => boolean {
  const re = arnTokensToRegex(tokeniseGlob(policyValue))
  return (value) => re.test(value)
}

/** An IP address as a bigint with its family, or null. */
export interface ParsedIp {
  readonly family: 4 | 6
  readonly value: bigint
}

function parseIpv4(text: string): bigint | null {
  const parts = text.split('.')
  if (parts.length !== 4) return null
  let out = 0n
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null
    const n = Number(part)
    if (n > 255) return null
    out = (out << 8n) | BigInt(n)
  }
  return out
}

function parseIpv6(text: string): bigint | null {
  let head = text
  // An embedded dotted IPv4 tail (`::ffff:10.0.0.1`) stands for the last two groups.
  if (text.includes('.')) {
    const lastColon = text.lastIndexOf(':')
    const v4 = parseIpv4(text.slice(lastColon + 1))
    if (v4 === null) return null
    head = `${text.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`
  }
  const halves = head.split('::')
  if (halves.length > 2) return null
  const left = halves[0] === '' ? [] : (halves[0] as string).split(':')
  const right = halves.length === 2 ? (halves[1] === '' ? [] : (halves[1] as string).split(':')) : []
  const missing = 8 - left.length - right.length
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null
  const groups = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right]
  let out = 0n
  for (const group of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return null
    out = (out << 16n) | BigInt(parseInt(group, 16))
  }
  return out
}

/** Parse an IPv4 or IPv6 address. */
export function parseIp(text: string): ParsedIp | null {
  const trimmed = text.trim()
  if (trimmed.includes(':')) {
    const value = parseIpv6(trimmed)
    return value === null ? null : { family: 6, value }
  }
  const value = parseIpv4(trimmed)
  return value === null ? null : { family: 4, value }
}

/** Compile a CIDR (or a bare address = a /32 or /128) into a membership test. */
export function cidrTest(cidr: string): (address: string) => boolean {
  const [addr = '', bitsText] = cidr.trim().split('/')
  const base = parseIp(addr)
  if (base === null) return () => false
  const width = base.family === 4 ? 32 : 128
  const bits = bitsText === undefined ? width : Number(bitsText)
  if (!Number.isInteger(bits) || bits < 0 || bits > width) return () => false
  const shift = BigInt(width - bits)
  const prefix = base.value >> shift
  return (address) => {
    const ip = parseIp(address)
    return ip !== null && ip.family === base.family && ip.value >> shift === prefix
  }
}
