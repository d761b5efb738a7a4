import { describe, expect, it } from 'vitest'
import { buildActionCatalog } from '../../src/aws/policy/index.js'
import type { AwsRole } from '../../src/model/index.js'
import { overPermissionReport } from '../../src/reports/index.js'
import type { Finding } from '../../src/reports/index.js'
import { awsUser, reportInput } from './helpers.js'

const catalog = buildActionCatalog({
  rcpServices: [],
  actions: [
    ['s3:GetObject', 'Read'], ['s3:PutObject', 'Write'], ['s3:PutBucketPolicy', 'Permissions management'], ['s3:ListBucket', 'List'],
    ['secretsmanager:GetSecretValue', 'Read'], ['iam:CreateAccessKey', 'Write'], ['ec2:RunInstances', 'Write'], ['ec2:DescribeInstances', 'List'],
  ].map(([action, accessLevel]) => ({ action: action!, service: action!.split(':')[0]!, accessLevel: accessLevel as 'Read', resourceTypes: [], conditionKeys: [], isWildcardOnly: false })),
})

function role(name: string, trust: unknown, overrides: Partial<AwsRole> = {}): AwsRole {
  return {
    arn: `arn:aws:iam::111111111111:role/${name}`, name, uniqueId: null, accountId: '111111111111', path: '/', createDate: '2026-11-01T00:00:00Z',
    inlinePolicies: [], attachedPolicies: [], tags: {}, trustPolicy: trust as AwsRole['trustPolicy'], permissionsBoundary: null, instanceProfiles: [],
    lastUsedDate: '2026-11-26T00:00:00Z', lastUsedRegion: null, maxSessionDuration: 3600, isServiceLinked: false, ...overrides,
  }
}
const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement })
const ids = (findings: readonly Finding[], check: string) => findings.filter((f) => f.check === check).map((f) => f.subject).sort()

describe('over-permission report', () => {
  it('flags wildcard grants and risk categories, and a Deny removes the denied action', async () => {
    const dev = awsUser('dev', {
      inlinePolicies: [{ name: 'broad', document: doc({ Effect: 'Allow', Action: ['s3:*', 'secretsmanager:GetSecretValue', 'iam:CreateAccessKey'], Resource: '*' }, { Effect: 'Deny', Action: 'secretsmanager:GetSecretValue', Resource: '*' }) }],
    })
    const scoped = awsUser('scoped', { createDate: '2026-11-20T00:00:00Z', inlinePolicies: [{ name: 'narrow', document: doc({ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::team-bucket/*' }) }] })
    const input = { ...reportInput({ inventory: { users: [dev, scoped], accounts: [{ id: '111111111111', name: null, orgPath: [], organizationId: null, isManagementAccount: false }] } }), catalog }
    const { findings } = await overPermissionReport.build(input)
    expect(ids(findings, 'wildcard-service-action')).toEqual([dev.arn])
    const exfil = findings.find((f) => f.id === `risk-data-exfiltration:${dev.arn}`)!
    expect(exfil.details['actions']).toBe('s3:GetObject, s3:GetObjectVersion')
    expect(findings.find((f) => f.id === `risk-credentials-exposure:${dev.arn}`)?.details['actions']).toBe('iam:CreateAccessKey')
    expect(findings.find((f) => f.id === `risk-resource-exposure:${dev.arn}`)?.details['actions']).toBe('s3:PutBucketPolicy')
    expect(findings.find((f) => f.id === `risk-infrastructure-modification:${dev.arn}`)?.details['actions']).toBe('s3:PutObject')
    expect(exfil.evidence[0]).toMatchObject({ policy: `${dev.arn}#inline/broad`, statement: 0 })
    expect(findings.filter((f) => f.subject === scoped.arn).map((f) => f.check)).toEqual([])
  })

  it('flags trusts open to anyone, to unlisted or external accounts and to any GitHub repository; not listed accounts', async () => {
    const anyone = role('open', doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }))
    const vendor = role('vendor', doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999999999999:root' }, Action: 'sts:AssumeRole' }))
    const sibling = role('sibling', doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:role/ops' }, Action: 'sts:AssumeRole' }))
    const listed = role('listed', doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::333333333333:root' }, Action: 'sts:AssumeRole' }))
    const github = role('gh', doc({ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*' } } }))
    const pinned = role('gh-pinned', doc({ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'token.actions.githubusercontent.com:sub': 'repo:acme/app:ref:refs/heads/main' } } }))
    const accounts = ['111111111111', '222222222222'].map((id) => ({ id, name: null, orgPath: [], organizationId: null, isManagementAccount: false }))
    const { findings } = await overPermissionReport.build(reportInput({ inventory: { roles: [anyone, vendor, sibling, listed, github, pinned], accounts }, settings: { trustedAccounts: ['333333333333'] } }))
    expect(ids(findings, 'trust-any-principal')).toEqual([anyone.arn])
    expect(ids(findings, 'trust-external-account')).toEqual([vendor.arn])
    expect(ids(findings, 'trust-cross-account-unlisted')).toEqual([sibling.arn])
    expect(ids(findings, 'trust-federated-open-subject')).toEqual([github.arn])
    expect(findings.find((f) => f.check === 'trust-any-principal')!.severity).toBe('critical')
  })

  it('flags Owner at management-group scope and Contributor at subscription scope, not at resource-group scope', async () => {
    const assignment = (id: string, roleGuid: string, scope: string) => ({ id, principalId: 'AAAAAAAA-0000-0000-0000-000000000001', principalType: 'User', roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${roleGuid}`, scope, condition: null, status: 'active' as const })
    const { findings } = await overPermissionReport.build(
      reportInput({
        azure: {
          roleAssignments: [
            assignment('ra1', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635', '/providers/Microsoft.Management/managementGroups/root'),
            assignment('ra2', 'b24988ac-6180-42a0-ab88-20f7382dd24c', '/subscriptions/0000'),
            assignment('ra3', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635', '/subscriptions/0000/resourceGroups/app'),
          ],
        },
      }),
    )
    const broad = findings.filter((f) => f.check === 'azure-broad-role')
    expect(broad.map((f) => [f.evidence[0]!.policy, f.severity])).toEqual([
      ['ra1', 'critical'],
      ['ra2', 'medium'],
    ])
    expect(broad[0]!.subject).toBe('azure:aaaaaaaa-0000-0000-0000-000000000001')
  })

  it('flags a role unused past the limit and keeps a recently used one', async () => {
    const stale = role('stale', doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }), { attachedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'], lastUsedDate: '2026-01-01T00:00:00Z' })
    const fresh = role('fresh', doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }), { attachedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] })
    const { findings } = await overPermissionReport.build(reportInput({ inventory: { roles: [stale, fresh] } }))
    expect(ids(findings, 'aws-role-unused')).toEqual([stale.arn])
  })
})
