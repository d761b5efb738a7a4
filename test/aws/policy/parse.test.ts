import { describe, expect, it } from 'vitest'
import { compilePolicy, parsePolicy, parsePrincipalRef, statementMatchesAction } from '../../../src/aws/policy/index.js'
import { isCrownpathError } from '../../../src/model/index.js'

const source = { id: 'arn:aws:iam::111111111111:policy/P', type: 'identity' as const }

describe('parsePolicy (strict)', () => {
  it('accepts Statement as a single object and as a list', () => {
    const one = parsePolicy({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' } }, source)
    const many = parsePolicy({ Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['*'] }, { Effect: 'Deny', NotAction: 'iam:*', NotResource: '*' }] }, source)
    expect(one.statements).toHaveLength(1)
    expect(many.statements.map((s) => [s.effect, s.actions.isNegated, s.resources?.isNegated])).toEqual([
      ['Allow', false, false],
      ['Deny', true, true],
    ])
  })

  it('throws CP_ERR_POLICY_INVALID naming the policy and the statement', () => {
    let caught: unknown
    try {
      parsePolicy({ Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }, { Effect: 'Allow', Resource: '*' }] }, source)
    } catch (error) {
      caught = error
    }
    expect(isCrownpathError(caught, 'CP_ERR_POLICY_INVALID')).toBe(true)
    expect((caught as Error).message).toBe('policy `arn:aws:iam::111111111111:policy/P` statement 1: exactly one of Action or NotAction is required')
  })

  it.each([
    [{ Statement: { Effect: 'allow', Action: 's3:*', Resource: '*' } }, 'Effect'],
    [{ Statement: { Effect: 'Allow', Action: 'nocolon', Resource: '*' } }, 'not `service:Action`'],
    [{ Statement: { Effect: 'Allow', Action: 's3:*' } }, 'Resource or NotResource is required'],
    [{ Statement: { Effect: 'Allow', Action: 's3:*', Resource: '*', NotResource: '*' } }, 'cannot both'],
    [{ Statement: { Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: 'x' } }, 'Condition must be an object'],
    [{ Version: '2012-10-17' }, 'no Statement'],
  ])('rejects %j', (doc, fragment) => {
    expect(() => parsePolicy(doc, source)).toThrow(fragment)
  })

  it('requires a principal in resource and trust policies and rejects it in identity policies', () => {
    expect(() => parsePolicy({ Statement: { Effect: 'Allow', Action: 's3:*', Resource: '*' } }, { id: 'b#policy', type: 'resource' })).toThrow(/Principal or NotPrincipal is required/)
    expect(() => parsePolicy({ Statement: { Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' } }, source)).toThrow(/Principal is not allowed/)
  })
})

describe('compilePolicy (lenient)', () => {
  it('turns a bad statement into an issue and keeps the good ones', () => {
    const policy = compilePolicy({ Statement: [{ Effect: 'Nope', Action: 's3:*', Resource: '*' }, { Effect: 'Allow', Action: 's3:*', Resource: '*' }] }, source)
    expect(policy.statements.map((s) => s.index)).toEqual([1])
    expect(policy.issues).toEqual([{ severity: 'error', where: `${source.id}#0`, message: expect.stringContaining('statement 0: Effect') }])
  })
  it('is an issue, not a throw, when the document is not an object', () => {
    expect(compilePolicy('nope', source).issues[0]?.message).toBe('policy document must be a JSON object')
  })
})

describe('principals', () => {
  it('reads an account id as that account root', () => {
    expect(parsePrincipalRef('123456789012')).toEqual({ kind: 'account', account: '123456789012' })
    expect(parsePrincipalRef('arn:aws:iam::123456789012:root')).toEqual({ kind: 'account', account: '123456789012' })
  })
  it('classifies users, roles and sessions', () => {
    expect(parsePrincipalRef('arn:aws:iam::123456789012:user/a').kind).toBe('user')
    expect(parsePrincipalRef('arn:aws:iam::123456789012:role/path/r').kind).toBe('role')
    expect(parsePrincipalRef('arn:aws:sts::123456789012:assumed-role/r/s').kind).toBe('session')
    expect(parsePrincipalRef('AROAEXAMPLEDELETED').kind).toBe('other')
  })
  it('compiles Service, Federated and CanonicalUser principals', () => {
    const p = parsePolicy(
      {
        Statement: {
          Effect: 'Allow',
          Principal: { Service: ['Lambda.amazonaws.com'], Federated: 'arn:aws:iam::1:oidc-provider/x', CanonicalUser: 'abc' },
          Action: 'sts:AssumeRole',
        },
      },
      { id: 'r#trust', type: 'trust' },
    ).statements[0]?.principal
    expect(p?.services.has('lambda.amazonaws.com')).toBe(true)
    expect(p?.federated.has('arn:aws:iam::1:oidc-provider/x')).toBe(true)
    expect(p?.canonicalUsers.has('abc')).toBe(true)
  })
})

describe('action matching', () => {
  const actions = (patterns: string[], negated = false) =>
    parsePolicy({ Statement: { Effect: 'Allow', [negated ? 'NotAction' : 'Action']: patterns, Resource: '*' } }, source).statements[0]!.actions
  it('matches globs case-insensitively, with ? as one character', () => {
    const a = actions(['s3:Get*', 'iam:?etUser'])
    expect(statementMatchesAction(a, 's3:getobjectacl')).toBe(true)
    expect(statementMatchesAction(a, 'iam:getuser')).toBe(true)
    expect(statementMatchesAction(a, 'iam:gettuser')).toBe(false)
    expect(statementMatchesAction(a, 's3:putobject')).toBe(false)
  })
  it('indexes by service, wildcard services and NotAction in the wildcard bucket', () => {
    expect(actions(['s3:Get*', 'IAM:PassRole']).services).toEqual(['s3', 'iam'])
    expect(actions(['*']).services).toBeNull()
    expect(actions(['s3*:Get*']).services).toBeNull()
    expect(actions(['iam:*'], true).services).toBeNull()
  })
})
