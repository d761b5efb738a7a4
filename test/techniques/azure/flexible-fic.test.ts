/**
 * Flexible federated identity credentials end to end: an AzureHound record with a
 * claimsMatchingExpression → loader → deriver. The `sub` pattern becomes the
 * ExternalIdentity, rated by the existing subject-risk rules (an owner wildcard an
 * outsider can satisfy is flagged, an organisation-wide one is not), and the same
 * pattern in an AWS trust policy is the same node, reaching both clouds.
 */
import { describe, expect, it } from 'vitest'
import { transformAzureHound } from '../../../loaders/azure/index.js'
import { AZ_ROLE_IDS } from '../../../src/azure/index.js'
import type { GraphEdge, Inventory } from '../../../src/model/index.js'
import { compileClassifier, emptyInventory, externalIdentityId } from '../../../src/model/index.js'
import { deriveGraph } from '../../../src/techniques/index.js'
import { buildAwsInventory } from '../../helpers/aws-builders.js'
import { reachable } from '../../helpers/graph-walk.js'

const T = 'aaaaaaaa-0000-4000-8000-000000000001'
const APP_ID = 'c1000000-0000-4000-8000-000000000022'
const APP = 'a0000000-0000-4000-8000-000000000021'
const SP = '50000000-0000-4000-8000-000000000023'
const SUB = '/subscriptions/11111111-2222-4333-8444-555555555555'
const GH = 'https://token.actions.githubusercontent.com'
const PROVIDER = 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com'

/** An Entra tenant whose one app (Owner of a subscription through its SP) has the given FICs. */
function azureFrom(fics: unknown[]): Inventory['azure'] {
  const part = transformAzureHound([
    {
      file: 'dump.json',
      format: 'json',
      source: { loader: 'azurehound', location: 'dump.json', sha256: null, collectedAt: null },
      content: {
        data: [
          { kind: 'AZTenant', data: { tenantId: T, displayName: 'Acme' } },
          { kind: 'AZApp', data: { id: APP, appId: APP_ID, displayName: 'deploy', tenantId: T } },
          { kind: 'AZServicePrincipal', data: { id: SP, appId: APP_ID, displayName: 'deploy', servicePrincipalType: 'Application', tenantId: T } },
          { kind: 'AZSubscription', data: { id: SUB, subscriptionId: SUB.split('/')[2], displayName: 'prod', tenantId: T } },
          {
            kind: 'AZSubscriptionOwner',
            data: { subscriptionId: SUB, owners: [{ owner: { id: `${SUB}/providers/Microsoft.Authorization/roleAssignments/ra-1`, properties: { principalId: SP, roleDefinitionId: AZ_ROLE_IDS.owner, scope: SUB } } }] },
          },
          { kind: 'AZFederatedIdentityCredential', data: { appId: APP_ID, tenantId: T, fics: fics.map((fic) => ({ appId: APP_ID, fic })) } },
        ],
        meta: { type: 'azure', version: 5 },
      },
    },
  ])
  return part.azure as Inventory['azure']
}

function derive(inventory: Partial<Inventory>): ReturnType<typeof deriveGraph> {
  return deriveGraph({ ...emptyInventory(), ...inventory }, { classifier: compileClassifier(), now: new Date('2026-11-27T00:00:00Z') })
}

const flexible = (id: string, value: string): Record<string, unknown> => ({ id, name: id, issuer: GH, subject: null, audiences: ['api://AzureADTokenExchange'], claimsMatchingExpression: { value, languageVersion: 1 } })

describe('flexible federated credentials in the graph', () => {
  it('flags a sub pattern whose owner is a wildcard: any outsider can satisfy it', () => {
    const g = derive({ azure: azureFrom([flexible('fic-any', "claims['sub'] matches 'repo:*'")]) })
    const node = g.nodes.find((n) => n.id === externalIdentityId(GH, 'repo:*'))
    expect(node?.properties).toMatchObject({ isOutsiderSatisfiable: true, subjectBreadth: 'any-owner' })
    // ... and the outsider reaches the subscription the app's SP owns.
    expect(reachable(g.edges, node!.id).has(SUB)).toBe(true)
    expect(g.nodes.find((n) => n.id === 'azure:fic-any')?.properties['claimsMatchingExpression']).toBe("claims['sub'] matches 'repo:*'")
  })

  it('a sub pattern inside one organisation is organisation-wide, not outsider-satisfiable (negative)', () => {
    const g = derive({ azure: azureFrom([flexible('fic-org', "claims['sub'] matches 'repo:acme/*:ref:refs/heads/main'")]) })
    expect(g.nodes.find((n) => n.id === externalIdentityId(GH, 'repo:acme/*:ref:refs/heads/main'))?.properties).toMatchObject({ isOutsiderSatisfiable: false, subjectBreadth: 'owner-wide' })
  })

  it('an expression without a sub test trusts any subject of the issuer, conditional on its other claims', () => {
    const g = derive({ azure: azureFrom([flexible('fic-wf', "claims['job_workflow_ref'] matches 'acme/shared/.github/workflows/*@refs/heads/main'")]) })
    const any = externalIdentityId(GH, '*')
    expect(g.nodes.find((n) => n.id === any)?.properties).toMatchObject({ isOutsiderSatisfiable: true, subjectBreadth: 'any-subject' })
    const edge = g.edges.find((e) => e.from === any && e.to === 'azure:fic-wf')
    expect(edge?.conditional).toBe(true)
    expect(edge?.conditions.map((c) => c.key)).toEqual(['token.actions.githubusercontent.com:job_workflow_ref'])
  })

  it('an expression the loader could not read gives the credential no external identity (negative)', () => {
    const azure = azureFrom([flexible('fic-bad', "claims['sub'] matches 'repo:*' or claims['sub'] eq 'x'")])
    const g = derive({ azure })
    expect(g.nodes.find((n) => n.id === 'azure:fic-bad')?.kind).toBe('AZCredential')
    expect(g.nodes.filter((n) => n.kind === 'ExternalIdentity')).toEqual([])
    expect(g.edges.filter((e) => e.to === 'azure:fic-bad')).toEqual([])
  })

  it('the same pattern trusted by an AWS role (StringLike) and a flexible FIC is one node reaching both clouds', () => {
    const pattern = 'repo:acme/app:*'
    const aws = buildAwsInventory({
      identityProviders: [{ arn: PROVIDER, type: 'oidc', url: 'token.actions.githubusercontent.com' }],
      roles: [
        {
          name: 'ci-deploy',
          trust: [{ Effect: 'Allow', Principal: { Federated: PROVIDER }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': pattern } } }],
        },
      ],
    })
    const g = derive({ aws, azure: azureFrom([flexible('fic-app', `claims['sub'] matches '${pattern}'`)]) })
    const id = externalIdentityId(GH, pattern)
    expect(g.nodes.filter((n) => n.id === id)).toHaveLength(1)
    const reach = reachable(g.edges, id)
    expect(reach.has('arn:aws:iam::111111111111:role/ci-deploy')).toBe(true)
    expect(reach.has(`azure:${SP}`)).toBe(true)
  })
})
