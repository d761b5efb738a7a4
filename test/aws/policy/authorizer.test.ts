import { describe, expect, it } from 'vitest'
import { ADMIN_PROBE_ACTIONS, compileAuthorizer } from '../../../src/aws/policy/index.js'
import { isCrownpathError } from '../../../src/model/index.js'
import { buildInventory } from './inventory-builder.js'

const admin = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }
const inventory = buildInventory({
  accounts: [{ id: '111111111111' }, { id: '222222222222' }],
  users: [
    { arn: 'arn:aws:iam::111111111111:user/admin', attached: ['arn:aws:iam::aws:policy/AdministratorAccess'] },
    {
      arn: 'arn:aws:iam::111111111111:user/bounded-admin',
      attached: ['arn:aws:iam::aws:policy/AdministratorAccess'],
      boundary: 'arn:aws:iam::111111111111:policy/NoIam',
    },
    { arn: 'arn:aws:iam::111111111111:user/iam-only', inline: { p: { Statement: { Effect: 'Allow', Action: 'iam:*', Resource: '*' } } } },
    {
      arn: 'arn:aws:iam::111111111111:user/mfa-admin',
      inline: { p: { Statement: { Effect: 'Allow', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } } } },
    },
    { arn: 'arn:aws:iam::111111111111:user/s3-reader', inline: { p: { Statement: { Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:aws:s3:::data/*' } } } },
    { arn: 'arn:aws:iam::111111111111:user/nobody' },
  ],
  roles: [
    {
      arn: 'arn:aws:iam::111111111111:role/Target',
      trust: {
        Statement: [
          { Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111111111111:user/nobody', 'arn:aws:iam::999999999999:root'] }, Action: 'sts:AssumeRole' },
          { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
        ],
      },
    },
  ],
  managedPolicies: {
    'arn:aws:iam::aws:policy/AdministratorAccess': admin,
    'arn:aws:iam::111111111111:policy/NoIam': { Statement: { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' } },
  },
  resources: [
    { arn: 'arn:aws:s3:::data', accountId: '111111111111', policy: { Statement: { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:user/nobody' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' } } },
  ],
})
const authorizer = compileAuthorizer(inventory)

describe('compileAuthorizer', () => {
  it('lists users and roles as principals, not groups', () => {
    expect(authorizer.principals).toContain('arn:aws:iam::111111111111:role/Target')
    expect(authorizer.principals).toHaveLength(7)
  })

  it('throws CP_ERR_NODE_NOT_FOUND for an unknown principal of a known account', () => {
    let caught: unknown
    try {
      authorizer.evaluate({ principal: 'arn:aws:iam::111111111111:user/ghost', action: 's3:GetObject', resource: '*' })
    } catch (error) {
      caught = error
    }
    expect(isCrownpathError(caught, 'CP_ERR_NODE_NOT_FOUND')).toBe(true)
  })

  it('treats a principal of an outside account as controlled by its own account', () => {
    const result = authorizer.evaluate({ principal: 'arn:aws:iam::999999999999:role/Any', action: 'sts:AssumeRole', resource: 'arn:aws:iam::111111111111:role/Target' })
    expect(result.decision).toBe('allowed')
    expect(result.matched).toEqual([expect.objectContaining({ policy: 'arn:aws:iam::111111111111:role/Target#trust', statement: 0 })])
  })
})

describe('whoCan', () => {
  it('finds identity grants and resource-policy grants, without groups', () => {
    const who = authorizer.whoCan('s3:GetObject', 'arn:aws:s3:::data/report.csv').map((e) => e.principal)
    expect(who).toEqual([
      'arn:aws:iam::111111111111:user/admin',
      'arn:aws:iam::111111111111:user/bounded-admin',
      'arn:aws:iam::111111111111:user/mfa-admin',
      'arn:aws:iam::111111111111:user/nobody',
      'arn:aws:iam::111111111111:user/s3-reader',
    ])
    expect(authorizer.whoCan('s3:GetObject', 'arn:aws:s3:::data/report.csv').find((e) => e.principal.endsWith('mfa-admin'))?.result.conditional).toBe(true)
  })

  it('includes principals named by a trust policy, inside and outside the inventory', () => {
    const who = authorizer.whoCan('sts:AssumeRole', 'arn:aws:iam::111111111111:role/Target').map((e) => e.principal)
    expect(who).toEqual(['arn:aws:iam::111111111111:user/nobody', 'arn:aws:iam::999999999999:root', 'ec2.amazonaws.com'])
  })

  it('honours boundaries', () => {
    const who = authorizer.whoCan('iam:CreateAccessKey', 'arn:aws:iam::111111111111:user/admin').map((e) => e.principal)
    expect(who).toEqual(['arn:aws:iam::111111111111:user/admin', 'arn:aws:iam::111111111111:user/iam-only', 'arn:aws:iam::111111111111:user/mfa-admin'])
  })
})

describe('allowedActions', () => {
  it('lists identity grants and resource-policy grants with evidence', () => {
    const grants = authorizer.allowedActions('arn:aws:iam::111111111111:user/nobody')
    expect(grants).toEqual([
      expect.objectContaining({ actions: ['s3:GetObject'], resource: 'arn:aws:s3:::data', evidence: expect.objectContaining({ policy: 'arn:aws:s3:::data#policy' }) }),
      expect.objectContaining({ actions: ['sts:AssumeRole'], resource: 'arn:aws:iam::111111111111:role/Target', evidence: expect.objectContaining({ policy: 'arn:aws:iam::111111111111:role/Target#trust' }) }),
    ])
    const reader = authorizer.allowedActions('arn:aws:iam::111111111111:user/s3-reader')
    expect(reader).toEqual([
      {
        actions: ['s3:Get*'],
        isNotAction: false,
        resources: ['arn:aws:s3:::data/*'],
        isNotResource: false,
        conditions: [],
        evidence: { policy: 'arn:aws:iam::111111111111:user/s3-reader#inline/p', policyType: 'identity', statement: 0, sid: null, effect: 'Allow' },
        resource: null,
      },
    ])
  })
  it('shows conditions on a grant', () => {
    const [grant] = authorizer.allowedActions('arn:aws:iam::111111111111:user/mfa-admin')
    expect(grant?.conditions).toEqual([expect.objectContaining({ operator: 'Bool', key: 'aws:MultiFactorAuthPresent', values: ['true'] })])
  })
})

describe('isAdminEquivalent', () => {
  it('is true for * on *', () => {
    const verdict = authorizer.isAdminEquivalent('arn:aws:iam::111111111111:user/admin')
    expect(verdict.isAdmin).toBe(true)
    expect(verdict.conditional).toBe(false)
    expect(verdict.matched).toEqual([expect.objectContaining({ policy: 'arn:aws:iam::aws:policy/AdministratorAccess' })])
    expect(Object.keys(verdict.probes)).toEqual([...ADMIN_PROBE_ACTIONS])
  })
  it('honours the permissions boundary', () => {
    expect(authorizer.isAdminEquivalent('arn:aws:iam::111111111111:user/bounded-admin').isAdmin).toBe(false)
  })
  it('is false for iam:* alone (that is an escalation finding, not tier zero)', () => {
    const verdict = authorizer.isAdminEquivalent('arn:aws:iam::111111111111:user/iam-only')
    expect(verdict.isAdmin).toBe(false)
    // The IAM probes are allowed; the first probe outside IAM is not, and nothing after it is asked.
    const firstOutsideIam = ADMIN_PROBE_ACTIONS.findIndex((a) => !a.startsWith('iam:'))
    expect(Object.keys(verdict.probes)).toEqual(ADMIN_PROBE_ACTIONS.slice(0, firstOutsideIam + 1))
    expect(Object.values(verdict.probes).map((r) => r.decision)).toEqual([...Array(firstOutsideIam).fill('allowed'), 'implicitDeny'])
  })
  it('is conditional when the grant needs MFA', () => {
    const verdict = authorizer.isAdminEquivalent('arn:aws:iam::111111111111:user/mfa-admin')
    expect([verdict.isAdmin, verdict.conditional]).toEqual([true, true])
    expect(verdict.unresolvedConditions.map((c) => c.key)).toContain('aws:MultiFactorAuthPresent')
  })
  it('is false for a resource-scoped grant', () => {
    expect(authorizer.isAdminEquivalent('arn:aws:iam::111111111111:user/s3-reader').isAdmin).toBe(false)
  })
})

describe('toEvidence', () => {
  it('maps matched statements to model evidence', async () => {
    const { toEvidence } = await import('../../../src/aws/policy/index.js')
    const result = authorizer.evaluate({ principal: 'arn:aws:iam::111111111111:user/nobody', action: 'sts:AssumeRole', resource: 'arn:aws:iam::111111111111:role/Target' })
    expect(result.matched.map((m) => toEvidence(m, 'sts:AssumeRole', 'arn:aws:iam::111111111111:role/Target'))).toEqual([
      { type: 'trust-policy', policy: 'arn:aws:iam::111111111111:role/Target#trust', statement: 0, sid: null, action: 'sts:AssumeRole', resource: 'arn:aws:iam::111111111111:role/Target' },
    ])
  })
})

describe('resource patterns', () => {
  it('gives a pattern without an account the account of each caller, also when another caller asked first', () => {
    // Either account may be the resource's: a caller is allowed exactly when the bucket it would
    // create counts as its own account's (a resource in another account needs that account's consent).
    const inEitherAccount = { Statement: { Effect: 'Allow', Action: 's3:CreateBucket', Resource: '*', Condition: { StringEquals: { 'aws:ResourceAccount': ['111111111111', '222222222222'] } } } }
    const twoAccounts = compileAuthorizer(
      buildInventory({
        accounts: [{ id: '111111111111' }, { id: '222222222222' }, { id: '333333333333' }],
        users: [
          { arn: 'arn:aws:iam::111111111111:user/a', inline: { p: inEitherAccount } },
          { arn: 'arn:aws:iam::222222222222:user/b', inline: { p: inEitherAccount } },
          { arn: 'arn:aws:iam::333333333333:user/c', inline: { p: inEitherAccount } },
        ],
      }),
    )
    const ask = (principal: string) => twoAccounts.evaluate({ principal, action: 's3:CreateBucket', resource: 'arn:aws:s3:::new-*', resourceMode: 'exists' }).decision
    for (let round = 0; round < 2; round++) {
      expect(ask('arn:aws:iam::111111111111:user/a')).toBe('allowed')
      expect(ask('arn:aws:iam::222222222222:user/b')).toBe('allowed')
      expect(ask('arn:aws:iam::333333333333:user/c')).toBe('implicitDeny')
    }
  })

  it('answers a pattern with a policy variable per caller, though the policy is one compiled object shared by both', () => {
    const home = 'arn:aws:iam::111111111111:policy/home'
    const authorizer = compileAuthorizer(
      buildInventory({
        accounts: [{ id: '111111111111' }],
        users: [
          { arn: 'arn:aws:iam::111111111111:user/alice', attached: [home] },
          { arn: 'arn:aws:iam::111111111111:user/bob', attached: [home] },
        ],
        managedPolicies: { [home]: { Statement: { Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::home-${aws:username}/*' } } },
      }),
    )
    const ask = (user: string) => authorizer.evaluate({ principal: `arn:aws:iam::111111111111:user/${user}`, action: 's3:PutObject', resource: 'arn:aws:s3:::home-alice/*', resourceMode: 'exists' }).decision
    expect(ask('alice')).toBe('allowed')
    expect(ask('bob')).toBe('implicitDeny')
    expect(ask('alice')).toBe('allowed')
  })
})
