/**
 * One external identity, both clouds: a GitHub Actions subject trusted by an
 * AWS role (AssumeRoleWithWebIdentity with a `sub` condition) and by an Entra
 * federated identity credential becomes ONE ExternalIdentity node with edges
 * into both providers' graphs.
 */
import { describe, expect, it } from 'vitest'
import { AZ_ROLE_IDS } from '../../../src/azure/index.js'
import { compileClassifier, emptyInventory, externalIdentityId } from '../../../src/model/index.js'
import { deriveGraph } from '../../../src/techniques/index.js'
import { buildAwsInventory } from '../../helpers/aws-builders.js'
import { reachable } from '../../helpers/graph-walk.js'
import { azureInventory } from '../../helpers/azure-builders.js'

const GH = 'https://token.actions.githubusercontent.com'
const SUBJECT = 'repo:acme/ml-pipeline:ref:refs/heads/main'
const RG = '/subscriptions/11111111-0000-0000-0000-000000000001/resourceGroups/rg-ml'
const ST = `${RG}/providers/Microsoft.Storage/storageAccounts/stmodels`
const PROVIDER = 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com'

describe('cross-cloud external identity', () => {
  const aws = buildAwsInventory({
    identityProviders: [{ arn: PROVIDER, type: 'oidc', url: 'token.actions.githubusercontent.com' }],
    roles: [
      {
        name: 'ci-deploy',
        trust: [{ Effect: 'Allow', Principal: { Federated: PROVIDER }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': SUBJECT } } }],
        inline: { deploy: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::acme-models/*' }] },
      },
    ],
  })
  const azure = azureInventory({
    tenants: [{ id: '6c12b0b0-1111-4a6b-8f00-000000000001' }],
    apps: [{ id: 'app-ml', appId: 'client-ml', credentials: [{ id: 'fic-1', type: 'federated', issuer: GH, subject: SUBJECT, audiences: ['api://AzureADTokenExchange'] }] }],
    servicePrincipals: [{ id: 'sp-ml', appId: 'client-ml' }],
    subscriptions: [{ id: '/subscriptions/11111111-0000-0000-0000-000000000001' }],
    resourceGroups: [{ id: RG }],
    resources: [{ id: ST, type: 'Microsoft.Storage/storageAccounts' }],
    roleAssignments: [{ id: 'ra-1', principalId: 'sp-ml', roleDefinitionId: AZ_ROLE_IDS.storageBlobDataContributor, scope: RG }],
  })
  const graph = deriveGraph({ ...emptyInventory(), aws, azure }, { classifier: compileClassifier(), now: new Date('2026-11-27T00:00:00Z') })
  const source = externalIdentityId(GH, SUBJECT)

  it('builds one ExternalIdentity node for both trusts', () => {
    expect(graph.nodes.filter((n) => n.kind === 'ExternalIdentity' && n.id === source)).toHaveLength(1)
    expect(graph.nodes.find((n) => n.id === source)?.properties['isOutsiderSatisfiable']).toBe(false)
  })

  it('reaches the AWS role and the Azure storage account from the same node', () => {
    const reach = reachable(graph.edges, source)
    expect(reach.has('arn:aws:iam::111111111111:role/ci-deploy')).toBe(true)
    expect(reach.has('azure:sp-ml')).toBe(true)
    expect(reach.has(ST.toLowerCase())).toBe(true)
  })
})
