/**
 * Grants as techniques see them: one evidence item per granting statement and
 * one entry per unresolved condition, even when the same managed policy reaches
 * the caller twice (attached to the user and to one of its groups).
 */
import { describe, expect, it } from 'vitest'
import { compileAuthorizer } from '../../../src/aws/policy/index.js'
import { buildAwsTechniqueContext } from '../../../src/techniques/index.js'
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
