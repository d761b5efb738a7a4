import { describe, expect, it } from 'vitest'
import { credentialsReport } from '../../src/reports/index.js'
import type { Finding } from '../../src/reports/index.js'
import { awsUser, reportInput, stubEngine, userNode, path } from './helpers.js'

const key = (id: string, createDate: string, lastUsedDate: string | null, status: 'Active' | 'Inactive' = 'Active') => ({ id, status, createDate, lastUsedDate, lastUsedService: null, lastUsedRegion: null })
const checks = (findings: readonly Finding[]) => findings.map((f) => `${f.check}:${f.subject}`).sort()

describe('credentials report', () => {
  it('flags an active key older than the limit, and not a young one', async () => {
    const user = awsUser('alice', { accessKeys: [key('AKIAOLD0000000000001', '2026-01-01T00:00:00Z', '2026-11-26T00:00:00Z'), key('AKIANEW0000000000001', '2026-11-01T00:00:00Z', '2026-11-26T00:00:00Z', 'Inactive')] })
    const { findings } = await credentialsReport.build(reportInput({ inventory: { users: [user] } }))
    expect(checks(findings)).toEqual(['aws-key-age:AKIAOLD0000000000001'])
    expect(findings[0]!.details['ageDays']).toBe(330)
  })

  it('flags keys unused past the limit, including never-used keys by their age', async () => {
    const user = awsUser('bob', { accessKeys: [key('AKIAUNUSED0000000001', '2026-10-01T00:00:00Z', '2026-07-01T00:00:00Z'), key('AKIANEVER00000000001', '2026-06-01T00:00:00Z', null)] })
    const { findings } = await credentialsReport.build(reportInput({ inventory: { users: [user] } }))
    const got = checks(findings)
    expect(got).toContain('aws-key-unused:AKIAUNUSED0000000001')
    expect(got).toContain('aws-key-unused:AKIANEVER00000000001')
    expect(got).toContain('aws-key-multiple:arn:aws:iam::111111111111:user/bob')
  })

  it('flags a console user without MFA as critical when the user is tier zero, and not a user with MFA', async () => {
    const noMfa = awsUser('carol', { hasLoginProfile: true, mfaDevices: [] })
    const withMfa = awsUser('dave', { hasLoginProfile: true, mfaDevices: [{ serialNumber: 'arn:aws:iam::111111111111:mfa/dave', enableDate: null, isVirtual: true }] })
    const unknownMfa = awsUser('erin', { hasLoginProfile: true, mfaDevices: null })
    const input = reportInput({ inventory: { users: [noMfa, withMfa, unknownMfa] }, nodes: [userNode(noMfa, { isTierZero: true })] })
    const { findings } = await credentialsReport.build(input)
    expect(checks(findings)).toEqual(['aws-console-no-mfa:arn:aws:iam::111111111111:user/carol'])
    expect(findings[0]!.severity).toBe('critical')
  })

  it('flags Entra secrets past expiry, near expiry and with long lifetimes; ignores federated credentials', async () => {
    const cred = (id: string, startDate: string, endDate: string, type: 'secret' | 'federated' = 'secret') => ({ id, type, displayName: id, startDate, endDate, issuer: null, subject: null, audiences: [] })
    const app = { id: 'A0000000-0000-0000-0000-000000000001', appId: 'b', tenantId: 't', displayName: 'billing', owners: [], credentials: [cred('11111111-1111-1111-1111-111111111111', '2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z'), cred('22222222-2222-2222-2222-222222222222', '2026-06-01T00:00:00Z', '2026-12-10T00:00:00Z'), cred('33333333-3333-3333-3333-333333333333', '2026-01-01T00:00:00Z', '2028-01-01T00:00:00Z'), cred('44444444-4444-4444-4444-444444444444', '2020-01-01T00:00:00Z', '2030-01-01T00:00:00Z', 'federated')] }
    const { findings } = await credentialsReport.build(reportInput({ azure: { apps: [app] } }))
    expect(checks(findings)).toEqual([
      'azure-credential-expired:azure:11111111-1111-1111-1111-111111111111',
      'azure-credential-expiring:azure:22222222-2222-2222-2222-222222222222',
      'azure-credential-lifetime:azure:33333333-3333-3333-3333-333333333333',
    ])
  })

  it('reports an exposed credential with its blast radius, critical when it reaches tier zero', async () => {
    const user = awsUser('ci', { accessKeys: [key('AKIALEAKED0000000001', '2026-11-20T00:00:00Z', '2026-11-26T00:00:00Z')] })
    const keyNode = { ...userNode(user), id: 'AKIALEAKED0000000001', kind: 'AWSAccessKey' as const, name: 'AKIALEAKED0000000001', isExposed: true, properties: { status: 'Active', exposedAt: 'acme/app:config.env:abc123' } }
    const engine = stubEngine({ radius: { AKIALEAKED0000000001: { tierZero: ['arn:aws:iam::111111111111:root'], totals: { principals: 2, resources: 7, scopes: 0, tierZero: 1 }, score: 120, principals: [{ id: 'arn:aws:iam::111111111111:root', kind: 'AWSAccount', name: 'root', account: null, classification: null, accessLevels: null, cost: 2, path: path(['AKIALEAKED0000000001', user.arn, 'arn:aws:iam::111111111111:root']) }] } } })
    const { findings } = await credentialsReport.build(reportInput({ inventory: { users: [user] }, nodes: [keyNode], engine }))
    const exposed = findings.find((f) => f.check === 'exposed-credential')!
    expect(exposed.severity).toBe('critical')
    expect(exposed.evidence[0]!.note).toContain('acme/app:config.env:abc123')
    expect(exposed.path?.hops.at(-1)?.to).toBe('arn:aws:iam::111111111111:root')
    expect(JSON.stringify(findings)).not.toMatch(/secret/i)
  })
})
