/**
 * Flexible federated identity credentials (`claimsMatchingExpression` instead of
 * `subject`): the expression language as Microsoft documents it (`claims['<name>']`,
 * `matches` with `*` and `?`, `eq`, `and`), read from the AzureHound, az CLI and
 * Graph shapes the loaders already read; malformed expressions follow the loader
 * convention (a mistyped field fails the load naming file and path, an expression
 * that does not parse is a DataIssue naming file and path).
 * https://learn.microsoft.com/entra/workload-id/workload-identities-flexible-federated-identity-credentials
 */
import { describe, expect, it } from 'vitest'
import type { AzureHoundDocument } from '../../../loaders/azure/index.js'
import { transformAzCli, transformAzureHound } from '../../../loaders/azure/index.js'
import { parseClaimsMatchingExpression } from '../../../loaders/azure/transform/fic-expression.js'
import type { AzCredential, AzureInventory } from '../../../src/model/index.js'
import { isCrownpathError } from '../../../src/model/index.js'

const T = 'aaaaaaaa-0000-4000-8000-000000000001'
const APP_ID = 'c1000000-0000-4000-8000-000000000022'
const GH = 'https://token.actions.githubusercontent.com'
const source = { loader: 'azurehound', location: 'x', sha256: null, collectedAt: null }

describe('the claims-matching expression language', () => {
  it('reads one matches test, keeping its wildcards', () => {
    expect(parseClaimsMatchingExpression("claims['sub'] matches 'repo:contoso/contoso-repo:ref:refs/heads/*'", 1)).toEqual({
      tests: [{ claim: 'sub', operator: 'matches', value: 'repo:contoso/contoso-repo:ref:refs/heads/*' }],
    })
  })

  it('reads eq and and-joined tests on several claims, single-character wildcards included', () => {
    expect(parseClaimsMatchingExpression("claims['sub'] matches 'repo:contoso/app-*:ref:refs/heads/????' and claims['job_workflow_ref'] eq 'contoso/wf/.github/workflows/d.yml@refs/heads/main'", null)).toEqual({
      tests: [
        { claim: 'sub', operator: 'matches', value: 'repo:contoso/app-*:ref:refs/heads/????' },
        { claim: 'job_workflow_ref', operator: 'eq', value: 'contoso/wf/.github/workflows/d.yml@refs/heads/main' },
      ],
    })
  })

  it.each([
    ['an empty expression', '', 1, 'empty'],
    ['a missing claim lookup', "sub matches 'repo:x/*'", 1, 'character 1'],
    ['an undocumented operator', "claims['sub'] contains 'repo:x'", 1, 'unknown operator `contains`'],
    ['or, which the language lacks', "claims['sub'] eq 'a' or claims['sub'] eq 'b'", 1, 'expected ` and ` or the end'],
    ['an unquoted comparand', "claims['sub'] matches repo:x/*", 1, 'character 1'],
    ['a comparand holding a quote', "claims['sub'] eq 'it''s'", 1, 'expected ` and ` or the end'],
    ['a language version other than 1', "claims['sub'] eq 'a'", 2, 'language version 2'],
  ])('rejects %s', (_name, expression, version, reason) => {
    const parsed = parseClaimsMatchingExpression(expression, version)
    expect('error' in parsed && parsed.error).toContain(reason)
  })
})

/** One AzureHound dump with an app and its federated credentials. */
function azurehound(fics: unknown[], file = 'dump.json'): { azure: AzureInventory; issues: { where: string; message: string }[] } {
  const doc: AzureHoundDocument = {
    file,
    format: 'json',
    source,
    content: {
      meta: { type: 'azure', version: 5 },
      data: [
        { kind: 'AZApp', data: { id: 'a0000000-0000-4000-8000-000000000021', appId: APP_ID, displayName: 'deploy', tenantId: T } },
        { kind: 'AZFederatedIdentityCredential', data: { appId: APP_ID, tenantId: T, fics: fics.map((fic) => ({ appId: APP_ID, fic })) } },
      ],
    },
  }
  const part = transformAzureHound([doc])
  return { azure: part.azure as AzureInventory, issues: [...(part.issues ?? [])] }
}

const federated = (azure: AzureInventory): AzCredential[] => azure.apps.flatMap((a) => a.credentials).filter((c) => c.type === 'federated')

describe('AzureHound FIC records with claimsMatchingExpression', () => {
  it('turns the sub test into the subject pattern and keeps the expression', () => {
    const expression = "claims['sub'] matches 'repo:acme/*' and claims['job_workflow_ref'] matches 'acme/shared/.github/workflows/*@refs/heads/main'"
    const { azure, issues } = azurehound([{ id: 'F1C-FLEX', name: 'org-wide', issuer: GH, subject: null, audiences: ['api://AzureADTokenExchange'], claimsMatchingExpression: { value: expression, languageVersion: 1 } }])
    expect(issues).toEqual([])
    const [cred] = federated(azure)
    expect(cred).toMatchObject({ id: 'f1c-flex', issuer: GH, subject: 'repo:acme/*' })
    expect(cred?.claimsMatching).toEqual({
      expression,
      languageVersion: 1,
      tests: [
        { claim: 'sub', operator: 'matches', value: 'repo:acme/*' },
        { claim: 'job_workflow_ref', operator: 'matches', value: 'acme/shared/.github/workflows/*@refs/heads/main' },
      ],
    })
  })

  it('leaves a standard credential untouched (negative)', () => {
    const { azure } = azurehound([{ id: 'fic-std', issuer: GH, subject: 'repo:acme/app:ref:refs/heads/main' }])
    const [cred] = federated(azure)
    expect(cred?.subject).toBe('repo:acme/app:ref:refs/heads/main')
    expect(cred?.claimsMatching).toBeUndefined()
  })

  it('reports an expression it cannot read, naming file and JSON path, and keeps the credential without tests', () => {
    const { azure, issues } = azurehound([{ id: 'fic-bad', issuer: GH, claimsMatchingExpression: { value: "claims['sub'] like 'repo:acme/*'", languageVersion: 1 } }], 'corp.json')
    expect(issues).toEqual([
      expect.objectContaining({
        severity: 'warning',
        where: 'corp.json $.data[1].data.fics[0].fic.claimsMatchingExpression.value',
        message: expect.stringContaining("unknown operator `like`"),
      }),
    ])
    const [cred] = federated(azure)
    expect(cred).toMatchObject({ id: 'fic-bad', subject: null, claimsMatching: { tests: null } })
  })

  it('fails the load on a mistyped claimsMatchingExpression, naming file and path (CP_ERR_INPUT_SHAPE)', () => {
    const error = (() => {
      try {
        azurehound([{ id: 'fic-typo', issuer: GH, claimsMatchingExpression: "claims['sub'] matches 'repo:acme/*'" }], 'corp.json')
        return null
      } catch (e) {
        return e
      }
    })()
    expect(isCrownpathError(error, 'CP_ERR_INPUT_SHAPE'), String(error)).toBe(true)
    expect((error as Error).message).toContain('corp.json')
    expect((error as Error).message).toContain('$.data[1].data.fics[0].fic.claimsMatchingExpression')
  })

  it('reports a credential carrying both a subject and an expression and uses the subject', () => {
    const { azure, issues } = azurehound([{ id: 'fic-both', issuer: GH, subject: 'repo:acme/app:ref:refs/heads/main', claimsMatchingExpression: { value: "claims['sub'] matches 'repo:*'" } }])
    expect(issues.map((i) => i.message)).toEqual([expect.stringContaining('both a subject and a claims-matching expression')])
    expect(federated(azure)[0]).toMatchObject({ subject: 'repo:acme/app:ref:refs/heads/main' })
  })
})

describe('az CLI federated-credentials/<appId>.json in the Graph page shape', () => {
  it('reads the expression and reports a malformed one with the file and path', () => {
    const part = transformAzCli({
      dir: 'export',
      files: {
        roleAssignments: { file: 'export/role-assignments.json', content: [], sha256: 'x' },
        tenant: { file: 'export/tenant.json', content: { tenantId: T }, sha256: 'x' },
        apps: { file: 'export/apps.json', content: [{ id: 'a0000000-0000-4000-8000-000000000021', appId: APP_ID, displayName: 'deploy' }], sha256: 'x' },
      },
      groupMembers: [],
      groupOwners: [],
      appOwners: [],
      spOwners: [],
      federatedCredentials: [
        {
          key: APP_ID,
          file: `export/federated-credentials/${APP_ID}.json`,
          sha256: 'x',
          content: {
            value: [
              { id: 'fic-ok', issuer: 'https://gitlab.com', subject: null, claimsMatchingExpression: { value: "claims['sub'] matches 'project_path:acme/*:ref_type:branch:ref:main'", languageVersion: 1 } },
              { id: 'fic-broken', issuer: GH, claimsMatchingExpression: { value: "claims['sub'] matches 'repo:acme/*' or claims['sub'] eq 'x'", languageVersion: 1 } },
            ],
          },
        },
      ],
    })
    const creds = federated(part.azure as AzureInventory)
    expect(creds.find((c) => c.id === 'fic-ok')).toMatchObject({ subject: 'project_path:acme/*:ref_type:branch:ref:main', claimsMatching: { languageVersion: 1 } })
    expect(creds.find((c) => c.id === 'fic-broken')?.claimsMatching?.tests).toBeNull()
    expect(part.issues).toEqual([expect.objectContaining({ where: `export/federated-credentials/${APP_ID}.json $.value[1].claimsMatchingExpression.value` })])
  })
})

describe('a federated credential with neither subject nor expression', () => {
  it('is reported and kept as trusting every subject of its issuer', () => {
    const { azure, issues } = azurehound([{ id: 'fic-empty', issuer: GH, subject: null }], 'corp.json')
    expect(issues).toEqual([expect.objectContaining({ where: 'corp.json $.data[1].data.fics[0].fic.subject', message: expect.stringContaining('neither a subject nor a claims-matching expression') })])
    expect(federated(azure)[0]).toMatchObject({ id: 'fic-empty', subject: null })
    expect(federated(azure)[0]?.claimsMatching).toBeUndefined()
  })
})
