import { describe, expect, it } from 'vitest'
import { arnPatternCovers, arnPatternOverlaps, compileArnPattern, globCovers, globsOverlap, tokeniseGlob } from '../../../src/aws/policy/index.js'

const t = tokeniseGlob
const none = () => 'unknown' as const

describe('glob overlap and cover', () => {
  it.each([
    ['team-*', 'team-prod-*', true],
    ['team-*', '*-dev', true],
    ['a?c', 'a*', true],
    ['abc', 'abd', false],
    ['x*', 'y*', false],
    ['*', '', true],
  ])('%s overlaps %s → %s', (a, b, want) => {
    expect(globsOverlap(t(a), t(b))).toBe(want)
    expect(globsOverlap(t(b), t(a))).toBe(want)
  })
  it.each([
    ['team-*', 'team-prod-*', true],
    ['team-prod-*', 'team-*', false],
    ['*', 'anything*', true],
    ['a?', 'a*', false],
    ['a?', 'a?', true],
    ['a*c', 'ab*c', true],
  ])('%s covers %s → %s', (outer, inner, want) => {
    expect(globCovers(t(outer), t(inner))).toBe(want)
  })
})

describe('ARN patterns', () => {
  it('keeps wildcards inside ARN segments before the resource part', () => {
    const p = compileArnPattern('arn:aws:iam::*:role/*')
    expect(p.test?.('arn:aws:iam::111111111111:role/a/b')).toBe(true)
    expect(p.test?.('arn:aws:iam::1:2:role/a')).toBe(false)
  })
  it('compares request patterns per segment', () => {
    const allow = compileArnPattern('arn:aws:lambda:eu-west-1:111111111111:function:team-*')
    expect(arnPatternOverlaps(allow, 'arn:aws:lambda:*:111111111111:function:*', none)).toBe(true)
    expect(arnPatternOverlaps(allow, 'arn:aws:lambda:*:222222222222:function:*', none)).toBe(false)
    expect(arnPatternCovers(compileArnPattern('arn:aws:lambda:*:*:function:*'), 'arn:aws:lambda:*:111111111111:function:x*', none)).toBe(true)
    expect(arnPatternCovers(allow, 'arn:aws:lambda:*:111111111111:function:*', none)).toBe(false)
  })
  it('answers a request equal to the pattern text as matching, but only for a pattern without variables', () => {
    const plain = 'arn:aws:s3:::reports-2026/q?/*'
    expect(arnPatternOverlaps(compileArnPattern(plain), plain, none)).toBe(true)
    expect(arnPatternCovers(compileArnPattern(plain), plain, none)).toBe(true)
    // The variable resolves first (`alice`); the request's `${aws:username}` is literal text then.
    const withVariable = 'arn:aws:s3:::home/${aws:username}/*'
    const alice = (key: string) => (key === 'aws:username' ? ['alice'] : ('absent' as const))
    expect(arnPatternOverlaps(compileArnPattern(withVariable), withVariable, alice)).toBe(false)
    expect(arnPatternCovers(compileArnPattern(withVariable), withVariable, alice)).toBe(false)
  })
  it('reports an unknown policy variable instead of guessing', () => {
    const p = compileArnPattern('arn:aws:s3:::home/${aws:SourceIdentity}/*')
    expect(arnPatternOverlaps(p, 'arn:aws:s3:::home/*', none)).toEqual({ unknownKey: 'aws:SourceIdentity' })
  })
})

describe('ARN fast path agrees with the regex', () => {
  it('for generated patterns and ARNs', async () => {
    const fc = (await import('fast-check')).default
    const { arnTokensToRegex } = await import('../../../src/aws/policy/arn.js')
    const seg = fc.constantFrom('', '*', 'aws', 's3', 'eu-west-1', '111111111111', 'a*', '?')
    const res = fc.constantFrom('*', 'b', 'b/*', 'role/x', 'role/*', 'a:b*', 'x/y/z', 'b/k*')
    const pattern = fc.tuple(fc.constant('arn'), seg, seg, seg, seg, res).map((p) => p.join(':'))
    const arn = fc.tuple(fc.constant('arn'), seg, seg, seg, seg, res).map((p) => p.join(':').replace(/[*?]/g, 'q'))
    fc.assert(
      fc.property(pattern, arn, (p, a) => {
        expect(compileArnPattern(p).test?.(a)).toBe(arnTokensToRegex(tokeniseGlob(p)).test(a))
      }),
      { numRuns: 2000 },
    )
  })
})

describe('pattern-vs-pattern quick reject (literal head fields that differ)', () => {
  it('answers exactly as the field-by-field comparison, for generated pattern pairs', async () => {
    const fc = (await import('fast-check')).default
    const { splitArnTokens, headFieldsDiffer } = await import('../../../src/aws/policy/arn.js')
    const bySegment = (op: typeof globsOverlap) => (a: string, b: string): boolean => {
      const sa = splitArnTokens(t(a))
      const sb = splitArnTokens(t(b))
      return sa.length === 6 && sb.length === 6 ? sa.every((s, i) => op(s, sb[i]!)) : op(t(a), t(b))
    }
    const seg = fc.constantFrom('', '*', 'aws', 's3', 'sqs', 'eu-west-1', '111111111111', '222222222222', 'a*', '?')
    const res = fc.constantFrom('*', 'b', 'b/*', 'role/x', 'role/*', 'a:b*', 'x/y/z')
    // Some patterns with fewer than six fields: those are compared as one run, never rejected early.
    const pattern = fc.oneof(fc.tuple(fc.constant('arn'), seg, seg, seg, seg, res).map((p) => p.join(':')), fc.constantFrom('*', 'arn:aws:s3', 'arn:*'))
    fc.assert(
      fc.property(pattern, pattern, (p, q) => {
        const compiled = compileArnPattern(p)
        expect(arnPatternOverlaps(compiled, q, none)).toBe(bySegment(globsOverlap)(p, q))
        expect(arnPatternCovers(compiled, q, none)).toBe(bySegment(globCovers)(p, q))
        if (headFieldsDiffer(p, q)) expect(bySegment(globsOverlap)(p, q)).toBe(false)
      }),
      { numRuns: 3000 },
    )
  })

  it('rejects only on literal fields, only when both sides have six fields', async () => {
    const { headFieldsDiffer } = await import('../../../src/aws/policy/arn.js')
    expect(headFieldsDiffer('arn:aws:s3:::b/*', 'arn:aws:lambda:*:1:function:*')).toBe(true)
    expect(headFieldsDiffer('arn:aws:lambda:*:111111111111:function:*', 'arn:aws:lambda:eu-west-1:222222222222:function:f')).toBe(true)
    expect(headFieldsDiffer('arn:aws:lambda:*:*:function:*', 'arn:aws:lambda:eu-west-1:222222222222:function:f')).toBe(false)
    expect(headFieldsDiffer('arn:aws:s*:::b', 'arn:aws:sqs:::b')).toBe(false)
    expect(headFieldsDiffer('arn:aws:s3', 'arn:aws:sqs:::b')).toBe(false)
    // Four fields: one run, where `*` spans `aws:y` although the third fields differ.
    expect(headFieldsDiffer('arn:*:x:foo*', 'arn:aws:y:x:foo:bar')).toBe(false)
    expect(arnPatternOverlaps(compileArnPattern('arn:*:x:foo*'), 'arn:aws:y:x:foo:bar', none)).toBe(true)
  })
})
