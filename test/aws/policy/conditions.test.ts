import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { KeyLookup } from '../../../src/aws/policy/variables.js'
import { CONDITION_OPERATORS, compileConditionBlock, evaluateCondition, parseOperatorName } from '../../../src/aws/policy/index.js'

const lookupOf =
  (ctx: Record<string, string | string[] | null>): KeyLookup =>
  (key) => {
    const entry = Object.entries(ctx).find(([k]) => k.toLowerCase() === key)
    if (entry === undefined) return 'unknown'
    if (entry[1] === null) return 'absent'
    return typeof entry[1] === 'string' ? [entry[1]] : entry[1]
  }

const run = (operator: string, key: string, values: unknown, ctx: Record<string, string | string[] | null>) => {
  const block = compileConditionBlock({ [operator]: { [key]: values } })
  expect(block.problems).toEqual([])
  return evaluateCondition(block.conditions[0]!, lookupOf(ctx))
}

describe('condition operator table', () => {
  it('has one file per operator and every file is in the table', () => {
    const dir = join(import.meta.dirname, '../../../src/aws/policy/conditions')
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'operator.ts')
    const kebab = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()
    expect(files.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual(CONDITION_OPERATORS.map((op) => kebab(op.name)).sort())
  })
  it('parses set prefixes and IfExists', () => {
    expect(parseOperatorName('ForAnyValue:StringLikeIfExists')).toEqual({ set: 'any', ifExists: true, base: 'StringLike' })
    expect(parseOperatorName('ForAllValues:StringEquals')).toEqual({ set: 'all', ifExists: false, base: 'StringEquals' })
    expect(parseOperatorName('Null')).toEqual({ set: null, ifExists: false, base: 'Null' })
  })
})

describe('operators', () => {
  it.each([
    ['StringEquals', 'a', 'a', 'true'],
    ['StringEquals', 'a', 'A', 'false'],
    ['StringNotEquals', 'a', 'b', 'true'],
    ['StringEqualsIgnoreCase', 'ABC', 'abc', 'true'],
    ['StringNotEqualsIgnoreCase', 'ABC', 'abc', 'false'],
    ['StringLike', 'a*c?', 'abbbcd', 'true'],
    ['StringLike', 'a*c?', 'abbbc', 'false'],
    ['StringNotLike', 'a*', 'ba', 'true'],
    ['NumericEquals', '10', '10.0', 'true'],
    ['NumericNotEquals', '10', '11', 'true'],
    ['NumericLessThan', '10', '9', 'true'],
    ['NumericLessThanEquals', '10', '10', 'true'],
    ['NumericGreaterThan', '10', '10', 'false'],
    ['NumericGreaterThanEquals', '10', 'x', 'false'],
    ['DateEquals', '2026-01-01T00:00:00Z', '1767225600', 'true'],
    ['DateNotEquals', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z', 'true'],
    ['DateLessThan', '2026-01-01T00:00:00Z', '2025-12-31T23:59:59Z', 'true'],
    ['DateLessThanEquals', '2026-01-01', '2026-01-01T00:00:00Z', 'true'],
    ['DateGreaterThan', '2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z', 'true'],
    ['DateGreaterThanEquals', '2026-01-01T00:00:00Z', 'not a date', 'false'],
    ['Bool', 'true', 'TRUE', 'true'],
    ['Bool', 'true', 'false', 'false'],
    ['BinaryEquals', 'QmluYXJ5VmFsdWU=', 'QmluYXJ5VmFsdWU=', 'true'],
    ['IpAddress', '10.0.0.0/8', '10.200.3.4', 'true'],
    ['IpAddress', '10.0.0.0/8', '11.0.0.1', 'false'],
    ['IpAddress', '2001:db8::/32', '2001:db8:ffff::1', 'true'],
    ['IpAddress', '2001:db8::/32', '2001:db9::1', 'false'],
    ['IpAddress', '::ffff:10.0.0.0/104', '::ffff:10.1.2.3', 'true'],
    ['IpAddress', '192.0.2.1', '192.0.2.1', 'true'],
    ['NotIpAddress', '10.0.0.0/8', '192.168.0.1', 'true'],
    ['ArnEquals', 'arn:aws:iam::*:role/x', 'arn:aws:iam::111111111111:role/x', 'true'],
    ['ArnLike', 'arn:aws:s3:::b/*', 'arn:aws:s3:::b/a/b/c', 'true'],
    ['ArnLike', 'arn:aws:iam::*:role/x', 'arn:aws:iam::1:2:role/x', 'false'],
    ['ArnNotEquals', 'arn:aws:iam::*:role/x', 'arn:aws:iam::1:role/y', 'true'],
    ['ArnNotLike', 'arn:aws:iam::*:role/*', 'arn:aws:iam::1:role/y', 'false'],
  ])('%s %s vs %s → %s', (op, policyValue, contextValue, want) => {
    expect(run(op, 'k', policyValue, { k: contextValue })).toBe(want)
  })

  it('ORs multiple policy values and NORs them for negated operators', () => {
    expect(run('StringEquals', 'k', ['a', 'b'], { k: 'b' })).toBe('true')
    expect(run('StringNotEquals', 'k', ['a', 'b'], { k: 'b' })).toBe('false')
    expect(run('StringNotEquals', 'k', ['a', 'b'], { k: 'c' })).toBe('true')
  })

  it('applies the missing-key rules', () => {
    expect(run('StringEquals', 'k', 'a', { k: null })).toBe('false')
    expect(run('StringEqualsIfExists', 'k', 'a', { k: null })).toBe('true')
    expect(run('StringNotEquals', 'k', 'a', { k: null })).toBe('true')
    expect(run('ForAllValues:StringEquals', 'k', 'a', { k: null })).toBe('true')
    expect(run('ForAnyValue:StringEquals', 'k', 'a', { k: null })).toBe('false')
    expect(run('Null', 'k', 'true', { k: null })).toBe('true')
    expect(run('Null', 'k', 'true', { k: 'x' })).toBe('false')
  })

  it('is unknown when the key is unknown, whatever the operator', () => {
    for (const op of ['StringEquals', 'StringNotEqualsIfExists', 'ForAllValues:StringLike', 'ForAnyValue:StringEquals', 'Null', 'BoolIfExists'])
      expect(run(op, 'k', 'true', {})).toBe('unknown')
  })

  it('applies set operators to multi-valued keys', () => {
    expect(run('ForAllValues:StringLike', 'k', ['a*', 'b*'], { k: ['ax', 'by'] })).toBe('true')
    expect(run('ForAllValues:StringLike', 'k', ['a*', 'b*'], { k: ['ax', 'cy'] })).toBe('false')
    expect(run('ForAnyValue:StringLike', 'k', ['a*'], { k: ['cx', 'ay'] })).toBe('true')
    expect(run('ForAllValues:StringNotEquals', 'k', ['a', 'b'], { k: ['c', 'd'] })).toBe('true')
    expect(run('ForAnyValue:StringNotEquals', 'k', ['a'], { k: ['a'] })).toBe('false')
  })

  it('accepts numbers and booleans as policy values', () => {
    expect(run('Bool', 'k', true, { k: 'true' })).toBe('true')
    expect(run('NumericLessThan', 'k', 3600, { k: '60' })).toBe('true')
  })

  it('reports unknown operators as problems and keeps the condition unknown', () => {
    const block = compileConditionBlock({ StringSometimes: { k: 'a' } })
    expect(block.problems).toEqual(['unknown condition operator `StringSometimes`'])
    expect(evaluateCondition(block.conditions[0]!, lookupOf({ k: 'a' }))).toBe('unknown')
  })
})
