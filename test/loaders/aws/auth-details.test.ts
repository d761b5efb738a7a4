import { describe, expect, it } from 'vitest'
import { fileURLToPath } from 'node:url'
import { loadAwsFiles } from '../../../loaders/aws/index.js'
import type { AwsInventory, InventoryPart } from '../../../src/model/index.js'

const fixture = (p: string): string => fileURLToPath(new URL(`../../fixtures/aws/${p}`, import.meta.url))
const aws = (part: InventoryPart): AwsInventory => part.aws as AwsInventory
const byArn = <T extends { arn: string }>(list: readonly T[], arn: string): T => {
  const found = list.find((x) => x.arn === arn)
  if (!found) throw new Error(`no ${arn}`)
  return found
}

describe('authorization details, CLI and raw encodings', () => {
  for (const encoding of ['cli', 'raw'] as const) {
    describe(encoding, () => {
      const load = () => loadAwsFiles({ authDetails: [fixture(`basic/auth-details.${encoding}.json`)] })

      it('reads users with groups, inline and attached policies, boundary and tags', async () => {
        const inv = aws(await load())
        expect(new Set(inv.users.map((u) => u.arn))).toEqual(new Set(['arn:aws:iam::111111111111:user/alice', 'arn:aws:iam::111111111111:user/dev/bob']))
        const alice = byArn(inv.users, 'arn:aws:iam::111111111111:user/alice')
        expect(alice.name).toBe('alice')
        expect(alice.uniqueId).toBe('AIDAAAAAAAAAAAAAALICE')
        expect(alice.accountId).toBe('111111111111')
        expect(alice.path).toBe('/')
        expect(alice.createDate).toBe('2024-01-10T09:00:00+00:00')
        expect(alice.groups).toEqual(['arn:aws:iam::111111111111:group/Admins'])
        expect(alice.inlinePolicies).toEqual([
          { name: 'alice-pass-role', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:PassRole', 'ec2:RunInstances'], Resource: '*' }] } },
        ])
        expect(alice.attachedPolicies).toEqual(['arn:aws:iam::111111111111:policy/DeployPolicy'])
        expect(alice.permissionsBoundary).toBe('arn:aws:iam::111111111111:policy/DeployPolicy')
        expect(alice.tags).toEqual({ team: 'platform' })
        // Authorization details say nothing about credentials: unknown, not "none".
        expect(alice.accessKeys).toBeNull()
        expect(alice.hasLoginProfile).toBeNull()
        expect(alice.loginProfile).toBeNull()
        expect(alice.mfaDevices).toBeNull()
        expect(alice.passwordLastUsed).toBeNull()
        const bob = byArn(inv.users, 'arn:aws:iam::111111111111:user/dev/bob')
        // GroupList holds names only; the group lives at a non-default path.
        expect(bob.groups).toEqual(['arn:aws:iam::111111111111:group/engineering/Developers'])
        expect(bob.permissionsBoundary).toBeNull()
        expect(bob.tags).toEqual({})
      })

      it('reads groups', async () => {
        const inv = aws(await load())
        const dev = byArn(inv.groups, 'arn:aws:iam::111111111111:group/engineering/Developers')
        expect(dev).toEqual({
          arn: 'arn:aws:iam::111111111111:group/engineering/Developers',
          name: 'Developers',
          uniqueId: 'AGPAAAAAAAAAAAAAAADEV',
          accountId: '111111111111',
          path: '/engineering/',
          createDate: '2023-12-01T00:00:00+00:00',
          inlinePolicies: [{ name: 'dev-read', document: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::prod-data/*' } } }],
          attachedPolicies: [],
        })
        expect(byArn(inv.groups, 'arn:aws:iam::111111111111:group/Admins').attachedPolicies).toEqual(['arn:aws:iam::aws:policy/AdministratorAccess'])
      })

      it('reads roles: trust, instance profiles, boundary, last used, tags, service-linked', async () => {
        const inv = aws(await load())
        const app = byArn(inv.roles, 'arn:aws:iam::111111111111:role/app-role')
        expect(app.trustPolicy).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] })
        expect(app.instanceProfiles).toEqual([{ arn: 'arn:aws:iam::111111111111:instance-profile/app-profile', name: 'app-profile' }])
        expect(app.permissionsBoundary).toBe('arn:aws:iam::111111111111:policy/DeployPolicy')
        expect(app.lastUsedDate).toBe('2026-11-20T10:00:00+00:00')
        expect(app.lastUsedRegion).toBe('us-east-1')
        expect(app.maxSessionDuration).toBe(3600)
        expect(app.tags).toEqual({ app: 'web' })
        expect(app.isServiceLinked).toBe(false)
        expect(app.uniqueId).toBe('AROAAAAAAAAAAAAAPPROL')
        expect(app.inlinePolicies.map((p) => p.name)).toEqual(['read-secrets'])
        const support = byArn(inv.roles, 'arn:aws:iam::111111111111:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport')
        expect(support.isServiceLinked).toBe(true)
        expect(support.lastUsedDate).toBeNull()
        expect(support.lastUsedRegion).toBeNull()
        expect(support.maxSessionDuration).toBeNull()
        expect(support.permissionsBoundary).toBeNull()
        const gh = byArn(inv.roles, 'arn:aws:iam::111111111111:role/ci/github-deploy')
        expect(gh.path).toBe('/ci/')
        expect(gh.attachedPolicies).toEqual(['arn:aws:iam::aws:policy/AdministratorAccess'])
      })

      it('reads managed policies with every version and the AWS-managed flag', async () => {
        const inv = aws(await load())
        const admin = byArn(inv.managedPolicies, 'arn:aws:iam::aws:policy/AdministratorAccess')
        expect(admin.isAwsManaged).toBe(true)
        expect(admin.accountId).toBeNull()
        expect(admin.defaultVersionId).toBe('v1')
        const deploy = byArn(inv.managedPolicies, 'arn:aws:iam::111111111111:policy/DeployPolicy')
        expect(deploy).toMatchObject({ name: 'DeployPolicy', policyId: 'ANPAAAAAAAAAAAADEPLOY', path: '/', isAwsManaged: false, accountId: '111111111111', defaultVersionId: 'v2', attachmentCount: 1 })
        expect(new Set(deploy.versions.map((v) => `${v.versionId}:${v.isDefault}`))).toEqual(new Set(['v1:false', 'v2:true']))
        expect(deploy.versions.find((v) => v.versionId === 'v1')!.document).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] })
        expect(deploy.versions.find((v) => v.versionId === 'v2')!.createDate).toBe('2024-06-01T00:00:00+00:00')
      })

      it('derives accounts and identity providers from ARNs and trust policies', async () => {
        const part = await load()
        const inv = aws(part)
        expect(inv.accounts).toEqual([{ id: '111111111111', name: null, orgPath: [], organizationId: null, isManagementAccount: false }])
        expect(inv.identityProviders).toEqual([
          { arn: 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com', accountId: '111111111111', type: 'oidc', url: 'token.actions.githubusercontent.com', clientIds: [] },
        ])
        expect(part.sources).toEqual([expect.objectContaining({ loader: 'aws-auth-details', location: fixture(`basic/auth-details.${encoding}.json`), collectedAt: null })])
        expect(part.sources![0]!.sha256).toMatch(/^[0-9a-f]{64}$/)
        expect(part.issues).toEqual([])
      })
    })
  }

  it('gives the same inventory for both encodings', async () => {
    const cli = await loadAwsFiles({ authDetails: [fixture('basic/auth-details.cli.json')] })
    const raw = await loadAwsFiles({ authDetails: [fixture('basic/auth-details.raw.json')] })
    expect(raw.aws).toEqual(cli.aws)
  })
})

describe('paginated and multi-account dumps', () => {
  const pages = [fixture('paginated/page-1.json'), fixture('paginated/page-2.json')]

  it('merges pages: a user on page 1 resolves a group defined on page 2', async () => {
    const part = await loadAwsFiles({ authDetails: pages })
    const inv = aws(part)
    expect(byArn(inv.users, 'arn:aws:iam::222222222222:user/carol').groups).toEqual(['arn:aws:iam::222222222222:group/ml/ML-Engineers'])
    expect(byArn(inv.groups, 'arn:aws:iam::222222222222:group/ml/ML-Engineers').inlinePolicies[0]!.document).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['iam:PassRole', 'sagemaker:CreateNotebookInstance'], Resource: '*' }],
    })
    expect(byArn(inv.roles, 'arn:aws:iam::222222222222:role/service-role/sagemaker-exec').attachedPolicies).toEqual(['arn:aws:iam::222222222222:policy/ml/MLData'])
    expect(byArn(inv.managedPolicies, 'arn:aws:iam::222222222222:policy/ml/MLData').path).toBe('/ml/')
    expect(inv.accounts.map((a) => a.id)).toEqual(['222222222222'])
    expect(part.issues).toEqual([])
  })

  it('warns when the last page is missing', async () => {
    const part = await loadAwsFiles({ authDetails: [fixture('paginated/page-1.json')] })
    expect(part.issues!.map((i) => i.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('account `222222222222` are truncated'),
        expect.stringContaining('`arn:aws:iam::222222222222:policy/ml/MLData` is not in the authorization details'),
        expect.stringContaining('group `ML-Engineers`'),
      ]),
    )
    // The unknown group is kept at the default path.
    expect(byArn(aws(part).users, 'arn:aws:iam::222222222222:user/carol').groups).toEqual(['arn:aws:iam::222222222222:group/ML-Engineers'])
  })

  it('loads several accounts at once, de-duplicating AWS-managed policies', async () => {
    const inv = aws(await loadAwsFiles({ authDetails: [fixture('basic/auth-details.raw.json'), ...pages] }))
    expect(inv.accounts.map((a) => a.id)).toEqual(['111111111111', '222222222222'])
    expect(inv.managedPolicies.filter((p) => p.arn === 'arn:aws:iam::aws:policy/AdministratorAccess')).toHaveLength(1)
    expect(new Set(inv.users.map((u) => u.accountId))).toEqual(new Set(['111111111111', '222222222222']))
    expect(inv.roles).toHaveLength(4)
  })
})
