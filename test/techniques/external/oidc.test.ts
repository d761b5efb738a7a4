import { describe, expect, it } from 'vitest'
import { makeExternalIdentityNode, matchingPatterns, subjectMatches, subjectPatternRisk } from '../../../src/techniques/external/index.js'
import { externalIdentityId } from '../../../src/model/index.js'

const GH = 'https://token.actions.githubusercontent.com'

describe('subjectPatternRisk', () => {
  it.each([
    [GH, null, true, 'any-subject'],
    [GH, '*', true, 'any-subject'],
    [GH, 'repo:*', true, 'any-owner'],
    [GH, 'repo:acme*/ml-pipeline:ref:refs/heads/main', true, 'any-owner'],
    [GH, 'repo:acme/*', false, 'owner-wide'],
    [GH, 'repo:acme/*:*', false, 'owner-wide'],
    [GH, 'repo:acme/ml-pipeline:*', false, 'repository-wide'],
    [GH, 'repo:acme/ml-pipeline:ref:refs/heads/main', false, 'narrow'],
    ['https://gitlab.com', 'project_path:*:ref_type:branch:ref:main', true, 'any-owner'],
    ['https://gitlab.com', 'project_path:acme/infra:ref_type:branch:ref:main', false, 'narrow'],
    ['https://app.terraform.io', 'organization:*:project:p:workspace:w:run_phase:apply', true, 'any-owner'],
    ['https://app.terraform.io', 'organization:acme:project:p:workspace:*:run_phase:*', false, 'owner-wide'],
    ['https://oidc.prod-aks.azure.com/abc/', '*', false, 'any-subject'],
    ['https://oidc.prod-aks.azure.com/abc/', 'system:serviceaccount:ml:trainer', false, 'narrow'],
  ] as const)('%s %s → outsider=%s breadth=%s', (issuer, pattern, outsider, breadth) => {
    const risk = subjectPatternRisk(issuer, pattern)
    expect(risk.isOutsiderSatisfiable).toBe(outsider)
    expect(risk.breadth).toBe(breadth)
    expect(risk.reason.length).toBeGreaterThan(0)
  })

  it('notes that pull_request subjects follow whoever can open a pull request', () => {
    expect(subjectPatternRisk(GH, 'repo:acme/app:pull_request').reason).toMatch(/pull request/)
  })
})

describe('subject matching', () => {
  it('uses StringLike semantics, case-sensitively', () => {
    expect(subjectMatches('repo:acme/*:ref:refs/heads/main', 'repo:acme/ml-pipeline:ref:refs/heads/main')).toBe(true)
    expect(subjectMatches('repo:acme/ml-pipeline:ref:refs/heads/mai?', 'repo:acme/ml-pipeline:ref:refs/heads/main')).toBe(true)
    expect(subjectMatches('repo:acme/ml-pipeline:ref:refs/heads/main', 'repo:ACME/ml-pipeline:ref:refs/heads/main')).toBe(false)
    expect(subjectMatches('repo:acme/a.b', 'repo:acme/aXb')).toBe(false)
  })

  it('matches issuers without scheme or trailing slash, and null patterns match any subject', () => {
    const trusts = [
      { issuer: 'token.actions.githubusercontent.com', subjectPattern: 'repo:acme/*' },
      { issuer: 'https://gitlab.com', subjectPattern: null },
      { issuer: `${GH}/`, subjectPattern: null },
    ]
    expect(matchingPatterns(GH, 'repo:acme/x', trusts)).toEqual([trusts[0], trusts[2]])
  })

  it('builds the ExternalIdentity node with the shared id and the verdict', () => {
    const node = makeExternalIdentityNode(GH, 'repo:*')
    expect(node.id).toBe(externalIdentityId(GH, 'repo:*'))
    expect(node.kind).toBe('ExternalIdentity')
    expect(node.properties.isOutsiderSatisfiable).toBe(true)
    expect(makeExternalIdentityNode(GH, null).properties.subject).toBe('*')
  })
})
