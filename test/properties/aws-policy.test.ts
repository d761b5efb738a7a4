/**
 * Invariants of the AWS evaluator over generated policies (fast-check):
 * adding a Deny never makes a request allowed, and action letter case never
 * changes a decision.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AwsRequest } from '../../src/aws/policy/index.js'
import { compileAuthorizer } from '../../src/aws/policy/index.js'
import { buildInventory } from '../aws/policy/inventory-builder.js'

const USER = 'arn:aws:iam::111111111111:user/u'
const BUCKET = 'arn:aws:s3:::b'
const actionPatterns = ['*', 's3:*', 's3:Get*', 's3:GetObject', 's3:PutObject', 'iam:*', 'iam:PassRole', 's3:?etObject', 'ec2:Run*']
const resourcePatterns = ['*', 'arn:aws:s3:::b/*', 'arn:aws:s3:::b/k', 'arn:aws:s3:::*', 'arn:aws:iam::111111111111:role/*', 'arn:aws:s3:::b/${aws:username}']
const conditions = [
  undefined,
  { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
  { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
  { StringEquals: { 'aws:username': 'u' } },
  { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
]

const statement = (effects: readonly ('Allow' | 'Deny')[]) =>
  fc.record({
    Effect: fc.constantFrom(...effects),
    Action: fc.subarray(actionPatterns, { minLength: 1, maxLength: 3 }),
    Resource: fc.subarray(resourcePatterns, { minLength: 1, maxLength: 2 }),
    Condition: fc.constantFrom(...conditions),
  }).map((s) => (s.Condition === undefined ? { Effect: s.Effect, Action: s.Action, Resource: s.Resource } : s))

const scenario = fc.record({
  identity: fc.array(statement(['Allow', 'Deny']), { maxLength: 4 }),
  boundary: fc.option(fc.array(statement(['Allow', 'Deny']), { minLength: 1, maxLength: 2 }), { nil: undefined }),
  bucketPolicy: fc.option(
    fc.array(statement(['Allow', 'Deny']).map((s) => ({ ...s, Principal: { AWS: USER } })), { minLength: 1, maxLength: 2 }),
    { nil: undefined },
  ),
  action: fc.constantFrom('s3:GetObject', 's3:PutObject', 'iam:PassRole', 'ec2:RunInstances', 's3:GetBucketPolicy'),
  resource: fc.constantFrom('arn:aws:s3:::b/k', 'arn:aws:s3:::b/u', 'arn:aws:iam::111111111111:role/r', '*', 'arn:aws:s3:::b/*'),
  context: fc.constantFrom<AwsRequest['context']>(undefined, { 'aws:MultiFactorAuthPresent': 'true' }, { 'aws:SourceIp': '10.1.1.1' }),
  extraDeny: statement(['Deny']),
})

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never

const authorizerFor = (s: Scenario, withExtraDeny: boolean, where: 'identity' | 'boundary' | 'bucket') => {
  const identity = withExtraDeny && where === 'identity' ? [...s.identity, s.extraDeny] : s.identity
  const boundary = s.boundary === undefined ? undefined : withExtraDeny && where === 'boundary' ? [...s.boundary, s.extraDeny] : s.boundary
  const bucket =
    withExtraDeny && where === 'bucket' ? [...(s.bucketPolicy ?? []), { ...s.extraDeny, Principal: '*' }] : s.bucketPolicy
  return compileAuthorizer(
    buildInventory({
      accounts: [{ id: '111111111111' }],
      users: [{ arn: USER, inline: identity.length > 0 ? { p: { Statement: identity } } : {}, ...(boundary ? { boundary: 'arn:aws:iam::111111111111:policy/B' } : {}) }],
      managedPolicies: boundary ? { 'arn:aws:iam::111111111111:policy/B': { Statement: boundary } } : {},
      resources: [{ arn: BUCKET, accountId: '111111111111', ...(bucket ? { policy: { Statement: bucket } } : {}) }],
    }),
  )
}

describe('AWS evaluator properties', () => {
  it('adding a Deny statement never turns a decision into allowed', () => {
    fc.assert(
      fc.property(scenario, fc.constantFrom('identity' as const, 'boundary' as const, 'bucket' as const), (s, where) => {
        const request: AwsRequest = { principal: USER, action: s.action, resource: s.resource, ...(s.context ? { context: s.context } : {}) }
        const before = authorizerFor(s, false, where).evaluate(request)
        const after = authorizerFor(s, true, where).evaluate(request)
        if (before.decision !== 'allowed') expect(after.decision).not.toBe('allowed')
        if (before.decision === 'explicitDeny') expect(after.decision).toBe('explicitDeny')
        // An unconditional allow can only lose certainty, never gain it.
        if (after.decision === 'allowed' && !after.conditional) expect(before.conditional).toBe(false)
      }),
      { numRuns: 300 },
    )
  })

  it('the decision is invariant under action letter case', () => {
    fc.assert(
      fc.property(scenario, fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }), (s, flips) => {
        const authorizer = authorizerFor(s, false, 'identity')
        const recased = [...s.action].map((c, i) => (flips[i % flips.length] ? c.toUpperCase() : c.toLowerCase())).join('')
        const a = authorizer.evaluate({ principal: USER, action: s.action, resource: s.resource })
        const b = authorizer.evaluate({ principal: USER, action: recased, resource: s.resource })
        expect(b).toEqual(a)
      }),
      { numRuns: 300 },
    )
  })
})
