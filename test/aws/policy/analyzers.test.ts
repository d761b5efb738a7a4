import { describe, expect, it } from 'vitest'
import type { PreparedRequest } from '../../../src/aws/policy/index.js'
import { analyzeIdentity, analyzeResource, analyzeScp, buildStatementSet, compilePolicy } from '../../../src/aws/policy/index.js'

const req = (action: string, resource: string): PreparedRequest => ({
  actionLower: action.toLowerCase(),
  service: action.toLowerCase().split(':')[0] as string,
  rule: null,
  resource,
  resourceColons: null,
  resourceMode: 'concrete',
  lookup: () => 'unknown',
  hasBoundary: false,
})

describe('per-policy-type analyzers', () => {
  const identity = buildStatementSet([
    compilePolicy(
      {
        Statement: [
          { Effect: 'Allow', Action: 's3:*', Resource: '*' },
          { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
          { Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' },
        ],
      },
      { id: 'p', type: 'identity' },
    ),
  ])
  it('identity: allowed with the certain allows as evidence', () => {
    expect(analyzeIdentity(identity, req('s3:GetObject', 'arn:aws:s3:::b/k'))).toEqual({
      result: 'allowed',
      matched: [{ policy: 'p', policyType: 'identity', statement: 0, sid: null, effect: 'Allow' }],
      unresolved: [],
    })
  })
  it('identity: explicit deny', () => {
    expect(analyzeIdentity(identity, req('s3:DeleteBucket', 'arn:aws:s3:::b')).result).toBe('explicitDeny')
  })
  it('identity: implicit deny', () => {
    expect(analyzeIdentity(identity, req('ec2:RunInstances', '*'))).toEqual({ result: 'implicitDeny', matched: [], unresolved: [] })
  })
  it('resource: only statements naming the caller', () => {
    const policy = compilePolicy({ Statement: { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:user/a' }, Action: 'sqs:*', Resource: '*' } }, { id: 'q#policy', type: 'resource' })
    const who = (arn: string) => ({ arn, kind: 'user' as const, account: '111111111111', roleArn: null, sessionArn: null, isServiceLinked: false })
    expect(analyzeResource(policy, req('sqs:SendMessage', 'q'), who('arn:aws:iam::111111111111:user/a')).result).toBe('allowed')
    expect(analyzeResource(policy, req('sqs:SendMessage', 'q'), who('arn:aws:iam::111111111111:user/b')).result).toBe('implicitDeny')
  })
  it('scp: every level must allow', () => {
    const full = buildStatementSet([compilePolicy({ Statement: { Effect: 'Allow', Action: '*', Resource: '*' } }, { id: 'full', type: 'scp' })])
    const s3only = buildStatementSet([compilePolicy({ Statement: { Effect: 'Allow', Action: 's3:*', Resource: '*' } }, { id: 's3', type: 'scp' })])
    const chain = { levels: [full, s3only, null], memo: null }
    expect(analyzeScp(chain, req('s3:GetObject', '*')).result).toBe('allowed')
    expect(analyzeScp(chain, req('ec2:RunInstances', '*')).result).toBe('implicitDeny')
  })
})
