import { describe, expect, it } from 'vitest'
import { breakGlassReport } from '../../src/reports/index.js'
import { awsUser, path, reportInput, stubEngine, userNode } from './helpers.js'

const mfa = [{ serialNumber: 'arn:aws:iam::111111111111:mfa/bg', enableDate: '2026-01-01T00:00:00Z', isVirtual: false }]
const profile = (changed: string) => ({ createDate: '2025-01-01T00:00:00Z', passwordLastUsed: null, passwordLastChanged: changed, passwordResetRequired: false })

function statusOf(controls: readonly { control: string; status: string }[]) {
  return Object.fromEntries(controls.map((c) => [c.control, c.status]))
}

describe('break-glass report', () => {
  it('passes every control for a well-kept break-glass user reachable only by tier zero', async () => {
    const bg = awsUser('breakglass', { mfaDevices: mfa, loginProfile: profile('2026-10-01T00:00:00Z'), hasLoginProfile: true, tags: { 'crownpath:break-glass': 'true' } })
    const admin = awsUser('admin')
    const engine = stubEngine({ inbound: { [bg.arn]: [{ id: admin.arn, name: 'admin', path: path([admin.arn, bg.arn]) }] } })
    const input = reportInput({ inventory: { users: [bg, admin] }, nodes: [userNode(bg, { isTierZero: true }), userNode(admin, { isTierZero: true })], engine })
    const body = await breakGlassReport.build(input)
    expect(body.reviews).toHaveLength(1)
    expect(statusOf(body.reviews![0]!.controls)).toEqual({ 'exists-tier-zero': 'pass', mfa: 'pass', 'no-access-keys': 'pass', rotation: 'pass', 'recent-use': 'pass', 'inbound-paths': 'pass' })
    expect(body.findings).toEqual([])
    expect(body.attestation?.reviewer).toBeNull()
  })

  it('fails the inbound control when a developer role can reach the break-glass user, listing the path', async () => {
    const bg = awsUser('breakglass', { mfaDevices: mfa, loginProfile: profile('2026-10-01T00:00:00Z'), hasLoginProfile: true })
    const dev = 'arn:aws:iam::111111111111:role/developer'
    const engine = stubEngine({ inbound: { [bg.arn]: [{ id: dev, name: 'developer', path: path([dev, bg.arn]) }] } })
    const input = reportInput({ inventory: { users: [bg] }, nodes: [userNode(bg, { isTierZero: true })], engine, settings: { breakGlass: [bg.arn] } })
    const body = await breakGlassReport.build(input)
    const inbound = body.reviews![0]!.controls.find((c) => c.control === 'inbound-paths')!
    expect(inbound.status).toBe('fail')
    expect(inbound.detail).toContain('developer')
    expect(inbound.paths?.[0]?.hops[0]?.from).toBe(dev)
    expect(body.findings.map((f) => f.check)).toEqual(['break-glass-inbound-paths'])
    expect(body.findings[0]!.severity).toBe('critical')
  })

  it('fails MFA, keys, rotation and recent use, and reports a declared id that does not exist', async () => {
    const key = { id: 'AKIABG00000000000001', status: 'Active' as const, createDate: '2026-01-01T00:00:00Z', lastUsedDate: '2026-11-20T00:00:00Z', lastUsedService: 'iam', lastUsedRegion: null }
    const bg = awsUser('breakglass', { mfaDevices: [], accessKeys: [key], loginProfile: profile('2024-01-01T00:00:00Z'), hasLoginProfile: true, tags: { 'crownpath:break-glass': 'TRUE' } })
    const input = reportInput({ inventory: { users: [bg] }, nodes: [userNode(bg, { isTierZero: false })], settings: { breakGlass: ['arn:aws:iam::111111111111:user/retired'] } })
    const body = await breakGlassReport.build(input)
    const review = body.reviews!.find((r) => r.id === bg.arn)!
    expect(statusOf(review.controls)).toMatchObject({ 'exists-tier-zero': 'fail', mfa: 'fail', 'no-access-keys': 'fail', rotation: 'fail', 'recent-use': 'fail' })
    const missing = body.reviews!.find((r) => r.id.endsWith('retired'))!
    expect(missing.controls[0]).toMatchObject({ control: 'exists-tier-zero', status: 'fail' })
  })
})
