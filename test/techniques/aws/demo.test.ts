/**
 * The bundled demo organisation (examples/demo/aws, examples/demo/leaks):
 * every seeded AWS path documented in examples/demo/README.md is derived,
 * with its evidence, and no decoy becomes an edge. The escalation edge set
 * is compared exactly, so an unexpected edge fails the test too.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { GraphEdge, GraphNode } from '../../../src/model/index.js'
import type { DerivedGraph } from '../../../src/techniques/index.js'
import { deriveDemo } from './demo-load.js'

const P = 'arn:aws:iam::111111111111'
const M = 'arn:aws:iam::222222222222'
const NOTEBOOK = 'arn:aws:sagemaker:us-east-1:222222222222:notebook-instance/research-nb'
const WEB1 = 'arn:aws:ec2:us-east-1:111111111111:instance/i-0a1b2c3d4e5f60001'
const EC2_SCOPE = 'aws:scope:111111111111:ec2'
const MODELS = 'arn:aws:s3:::acme-model-artifacts'
const SECRET = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:prod/db-password-Ab12Cd'
const GITHUB_MAIN = 'oidc:token.actions.githubusercontent.com#repo:acme/ml-pipeline:ref:refs/heads/main'

let graph: DerivedGraph
const edge = (from: string, kind: string, to: string): GraphEdge | undefined => graph.edges.find((e) => e.from === from && e.kind === kind && e.to === to)
const node = (id: string): GraphNode | undefined => graph.nodes.find((n) => n.id === id)
const hasEvidence = (e: GraphEdge | undefined, policy: string, statement?: number): boolean =>
  e !== undefined && e.evidence.some((ev) => ev.policy === policy && (statement === undefined || ev.statement === statement))

beforeAll(async () => {
  graph = (await deriveDemo()).graph
}, 60_000)

describe('demo organisation: AWS', () => {
  it('derives without error issues', () => {
    expect(graph.issues.filter((i) => i.severity === 'error')).toEqual([])
  })

  it('tier zero is exactly the admin-equivalent principals (decided by evaluation)', () => {
    const tierZero = graph.nodes.filter((n) => n.isTierZero && n.kind !== 'AWSAccount').map((n) => n.id).sort()
    expect(tierZero).toEqual(
      [
        `${P}:user/breakglass-admin`,
        `${P}:user/alice-admin`,
        `${P}:role/lambda-ops-admin`,
        `${P}:role/OrganizationAccountAccessRole`,
        `${M}:role/ml-admin`,
        `${M}:role/OrganizationAccountAccessRole`,
      ].sort(),
    )
  })

  it('seeded path 1: leaked key → ci-legacy → PassRole + Lambda → lambda-ops-admin → prod account', () => {
    expect(node('AKIAEXAMPLEDEMO0LEAK')?.isExposed).toBe(true)
    expect(edge('AKIAEXAMPLEDEMO0LEAK', 'AuthenticatesAs', `${P}:user/ci-legacy`)).toBeDefined()
    const passRole = edge(`${P}:user/ci-legacy`, 'CanEscalateTo', `${P}:role/lambda-ops-admin`)
    expect(passRole?.technique).toBe('aws/passrole-compute/lambda-create-invoke')
    expect(passRole?.conditional).toBe(false)
    expect(hasEvidence(passRole, `${P}:user/ci-legacy#inline/legacy-deploy`, 0)).toBe(true)
    expect(hasEvidence(passRole, `${P}:user/ci-legacy#inline/legacy-deploy`, 1)).toBe(true)
    expect(hasEvidence(passRole, `${P}:role/lambda-ops-admin#trust`, 0)).toBe(true)
    expect(edge(`${P}:role/lambda-ops-admin`, 'AdminTo', `${P}:root`)).toBeDefined()
  })

  it('seeded path 2: dev-dan rewrites the customer policy attached to himself', () => {
    const e = edge(`${P}:user/dev-dan`, 'AdminTo', `${P}:root`)
    expect(e?.technique).toBe('aws/iam-create-policy-version')
    expect(hasEvidence(e, `${P}:policy/developer-self-service`, 1)).toBe(true)
  })

  it('seeded path 3: data scientist → presigned notebook URL → notebook role → restricted model bucket', () => {
    const open = edge(`${M}:user/ds-sara`, 'CanControl', NOTEBOOK)
    expect(open?.technique).toBe('aws/resource-hijack/sagemaker-presigned-url')
    expect(hasEvidence(open, `${M}:policy/data-scientist`, 0)).toBe(true)
    expect(edge(NOTEBOOK, 'RunsAs', `${M}:role/SageMakerNotebookRole`)).toBeDefined()
    const read = edge(`${M}:role/SageMakerNotebookRole`, 'CanAccess', MODELS)
    expect(read?.accessLevels).toContain('Read')
    expect(hasEvidence(read, `${M}:policy/notebook-access`, 0)).toBe(true)
    expect(node(MODELS)?.classification).toBe('restricted')
  })

  it('seeded path 4: prod ML engineer → ml-admin in the ML account (account-root trust + identity allow)', () => {
    const e = edge(`${P}:user/ml-eng-maya`, 'CanAssume', `${M}:role/ml-admin`)
    expect(e?.technique).toBe('aws/sts-assume-role')
    expect(hasEvidence(e, `${P}:group/MLEngineers#inline/assume-ml-admin`, 0)).toBe(true)
    expect(edge(`${M}:role/ml-admin`, 'AdminTo', `${M}:root`)).toBeDefined()
  })

  it('seeded path 5: SRE session into any prod instance (the ec2 scope) → web-1 → web-app-role → production database secret', () => {
    // The SRE grant covers every instance of the account (instance/* in the one region that has instances): one edge to the scope.
    const session = edge(`${P}:user/ops-oliver`, 'CanControl', EC2_SCOPE)
    expect(session?.technique).toBe('aws/resource-hijack/ssm-start-session')
    expect(hasEvidence(session, `${P}:group/SRE#inline/session-manager`, 0)).toBe(true)
    expect(edge(EC2_SCOPE, 'Contains', WEB1)).toBeDefined()
    expect(edge(WEB1, 'RunsAs', `${P}:role/web-app-role`)).toBeDefined()
    expect(edge(`${P}:role/web-app-role`, 'CanAccess', SECRET)?.accessLevels).toContain('Read')
  })

  it('seeded path 6: a push to acme/ml-pipeline main → ci-deploy → writes the restricted model bucket', () => {
    const e = edge(GITHUB_MAIN, 'CanAssume', `${M}:role/ci-deploy`)
    expect(e?.technique).toBe('aws/sts-federation/assume-role-with-web-identity')
    expect(node(GITHUB_MAIN)?.kind).toBe('ExternalIdentity')
    expect(edge(`${M}:role/ci-deploy`, 'CanAccess', MODELS)?.accessLevels).toContain('Write')
  })

  it('decoy: the ExternalId trust is an edge, but conditional', () => {
    const e = edge(`${P}:user/auditor-amy`, 'CanAssume', `${M}:role/audit-readonly`)
    expect(e?.conditional).toBe(true)
    expect(e?.conditions.some((c) => c.key.toLowerCase() === 'sts:externalid')).toBe(true)
  })

  it('decoys: boundary, SCP, explicit Deny and a trust without identity allow give no edge', () => {
    const escalation = ['CanEscalateTo', 'AdminTo', 'CanAssume', 'CanControl']
    const from = (p: string): GraphEdge[] => graph.edges.filter((e) => e.from === p && escalation.includes(e.kind))
    expect(from(`${P}:user/intern-bob`), 'boundary blocks iam:PassRole').toEqual([])
    expect(from(`${P}:user/qa-quinn`), 'explicit Deny on iam:PassRole').toEqual([])
    expect(from(`${M}:role/ci-deploy`), 'SCP denies iam:* in the ML account').toEqual([])
    expect(from(`${P}:user/dev-erin`), 'ml-admin trusts the prod root, but erin has no identity allow').toEqual([])
  })

  it('derives exactly the seeded escalation edges and nothing else', () => {
    const escalation = new Set(['CanEscalateTo', 'AdminTo', 'CanAssume', 'CanControl'])
    const actual = graph.edges
      .filter((e) => escalation.has(e.kind) && !e.from.startsWith('aws:service:') && e.technique !== 'aws/admin-equivalent')
      .map((e) => `${e.from} ${e.kind} ${e.to} ${e.technique}`)
      .sort()
    expect(actual).toEqual(
      [
        `${P}:user/ci-legacy CanEscalateTo ${P}:role/lambda-ops-admin aws/passrole-compute/lambda-create-invoke`,
        `${P}:user/dev-dan AdminTo ${P}:root aws/iam-create-policy-version`,
        `${P}:user/ml-eng-maya CanAssume ${M}:role/ml-admin aws/sts-assume-role`,
        `${P}:user/auditor-amy CanAssume ${M}:role/audit-readonly aws/sts-assume-role`,
        `${GITHUB_MAIN} CanAssume ${M}:role/ci-deploy aws/sts-federation/assume-role-with-web-identity`,
        `${P}:user/ops-oliver CanControl ${EC2_SCOPE} aws/resource-hijack/ssm-start-session`,
        `${M}:user/ds-sara CanControl ${NOTEBOOK} aws/resource-hijack/sagemaker-presigned-url`,
        `${M}:user/ds-tom CanControl ${NOTEBOOK} aws/resource-hijack/sagemaker-presigned-url`,
      ].sort(),
    )
  })
})
