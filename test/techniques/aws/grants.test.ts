/**
 * Grants as techniques see them: one evidence item per granting statement and
 * one entry per unresolved condition, even when the same managed policy reaches
 * the caller twice (attached to the user and to one of its groups).
 */
import { describe, expect, it } from 'vitest'
import { compileAuthorizer } from '../../../src/aws/policy/index.js'
import type { AwsPolicyType } from '../../../src/aws/policy/index.js'
import { buildAwsTechniqueContext } from '../../../src/techniques/index.js'
import { combineGrants, evidenceOf } from '../../../src/techniques/aws/context.js'
import { buildAwsInventory, ref } from '../../helpers/aws-builders.js'

const passRole = (condition?: Record<string, unknown>) => [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', ...(condition ? { Condition: condition } : {}) }]

function contextFor(document: readonly Record<string, unknown>[], viaGroupToo: boolean) {
  const aws = buildAwsInventory({
    policies: [{ name: 'pass', document }],
    groups: [{ name: 'ops', managed: viaGroupToo ? ['pass'] : [] }],
    users: [{ name: 'alice', managed: ['pass'], groups: ['ops'] }],
    roles: [{ name: 'app', trustServices: ['lambda.amazonaws.com'] }],
  })
  return buildAwsTechniqueContext(aws, compileAuthorizer(aws))
}

describe('grants of a policy held twice', () => {
  it('list the granting statement once', () => {
    const once = contextFor(passRole(), false).allowed(ref('user/alice'), 'iam:PassRole', ref('role/app'))
    const twice = contextFor(passRole(), true).allowed(ref('user/alice'), 'iam:PassRole', ref('role/app'))
    expect(once?.evidence).toHaveLength(1)
    expect(twice?.evidence).toEqual(once?.evidence)
  })

  it('list each unresolved condition once', () => {
    // A Deny on an unknown key makes the allow conditional; held twice, it matches twice.
    const denyWithoutMfa = { Effect: 'Deny', Action: 'iam:PassRole', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } }
    const twice = contextFor([...passRole(), denyWithoutMfa], true).allowed(ref('user/alice'), 'iam:PassRole', ref('role/app'))
    expect(twice?.conditions.map((c) => c.key)).toEqual(['aws:MultiFactorAuthPresent'])
  })

  it('are refused when the policy is not held at all (negative)', () => {
    const aws = buildAwsInventory({ policies: [{ name: 'pass', document: passRole() }], users: [{ name: 'alice' }], roles: [{ name: 'app', trustServices: ['lambda.amazonaws.com'] }] })
    expect(buildAwsTechniqueContext(aws, compileAuthorizer(aws)).allowed(ref('user/alice'), 'iam:PassRole', ref('role/app'))).toBeNull()
  })
})

describe('combineGrants', () => {
  const item = (policy: string, action: string, resource = '*') => ({ type: 'identity-policy' as const, policy, statement: 0, sid: null, action, resource })
  it('lists an item two grants share once, keeps the rest in order, and the conditions of both', () => {
    const mfa = { operator: 'Bool', key: 'aws:MultiFactorAuthPresent', values: ['true'], policy: 'p1', statement: 0 }
    const first = { evidence: [item('p1', 'lambda:UpdateFunctionCode'), item('p2', 'lambda:UpdateFunctionCode')] as const, conditions: [mfa] }
    const second = { evidence: [item('p1', 'lambda:UpdateFunctionCode'), item('p1', 'lambda:InvokeFunction'), item('p1', 'lambda:UpdateFunctionCode', 'arn:aws:lambda:us-east-1:1:function:f')] as const, conditions: [mfa] }
    const combined = combineGrants(first, second)
    expect(combined.evidence.map((e) => `${e.policy} ${e.action} ${e.resource}`)).toEqual([
      'p1 lambda:UpdateFunctionCode *',
      'p2 lambda:UpdateFunctionCode *',
      'p1 lambda:InvokeFunction *',
      'p1 lambda:UpdateFunctionCode arn:aws:lambda:us-east-1:1:function:f',
    ])
    expect(combined.conditions).toEqual([mfa])
  })
})

describe('evidenceOf', () => {
  const hit = (policy: string, policyType: AwsPolicyType, statement: number, effect: 'Allow' | 'Deny' = 'Allow') => ({ policy, policyType, statement, sid: null, effect })
  const allowed = (matched: ReturnType<typeof hit>[]) => ({ decision: 'allowed' as const, conditional: false, unresolvedConditions: [], matched })

  it('names the granting statements, in order, and not the boundary or SCP that merely permit', () => {
    const evidence = evidenceOf(allowed([hit('scp-1', 'scp', 0), hit('p1', 'identity', 2), hit('b1', 'permissions-boundary', 0), hit('bucket#policy', 'resource', 1)]), 's3:GetObject', 'arn:aws:s3:::b/k')
    expect(evidence.map((e) => `${e.type} ${e.policy} ${e.statement}`)).toEqual(['identity-policy p1 2', 'resource-policy bucket#policy 1'])
    expect(evidence.every((e) => e.action === 's3:GetObject' && e.resource === 'arn:aws:s3:::b/k')).toBe(true)
  })

  it('falls back to the permitting allows when no granting statement matched, and to an explicit unknown when none did', () => {
    const permitting = evidenceOf(allowed([hit('scp-1', 'scp', 0), hit('b1', 'permissions-boundary', 3)]), 'iam:PassRole', '*')
    expect(permitting.map((e) => e.policy)).toEqual(['scp-1', 'b1'])
    const none = evidenceOf(allowed([]), 'iam:PassRole', '*')
    expect(none).toEqual([expect.objectContaining({ policy: 'unknown', note: 'evaluator returned no matched statement' })])
  })

  it('ignores Deny statements (negative)', () => {
    const evidence = evidenceOf(allowed([hit('d1', 'identity', 0, 'Deny'), hit('p1', 'identity', 1)]), 'iam:PassRole', '*')
    expect(evidence.map((e) => e.policy)).toEqual(['p1'])
  })
})
