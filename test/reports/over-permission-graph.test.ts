import { describe, expect, it } from 'vitest'
import { makeEdge } from '../../src/model/index.js'
import { overPermissionReport } from '../../src/reports/index.js'
import { awsUser, path, reportInput, stubEngine, userNode } from './helpers.js'

const admin = awsUser('admin')
const dev = awsUser('dev', { createDate: '2026-11-20T00:00:00Z' })
const reader = awsUser('reader', { createDate: '2026-11-20T00:00:00Z' })
const account = 'arn:aws:iam::111111111111:root'
const adminEdge = makeEdge({ from: admin.arn, to: account, kind: 'AdminTo', technique: 'aws/admin-equivalent', evidence: [{ type: 'identity-policy', policy: 'arn:aws:iam::aws:policy/AdministratorAccess', statement: 0 }] })

describe('over-permission graph checks', () => {
  it('lists tier-zero principals as admin-equivalent with their AdminTo evidence, and no one else', async () => {
    const input = reportInput({ inventory: { users: [admin, dev] }, nodes: [userNode(admin, { isTierZero: true }), userNode(dev)] })
    const { findings } = await overPermissionReport.build({ ...input, edges: [adminEdge] })
    const admins = findings.filter((f) => f.check === 'admin-equivalent')
    expect(admins.map((f) => f.subject)).toEqual([admin.arn])
    expect(admins[0]!.evidence[0]!.policy).toBe('arn:aws:iam::aws:policy/AdministratorAccess')
  })

  it('turns each privesc finding into a finding with its chain; conditional chains are medium, not high', async () => {
    const engine = stubEngine()
    const chain = path([dev.arn, account])
    const conditional = { ...path([reader.arn, account]), hops: path([reader.arn, account]).hops.map((h) => ({ ...h, conditions: [{ operator: 'Bool', key: 'aws:MultiFactorAuthPresent', values: ['true'], policy: 'p' }] })) }
    engine.privesc = async () => ({ admins: [admin.arn], findings: [{ principal: dev.arn, target: account, cost: 1, hops: chain.hops }, { principal: reader.arn, target: account, cost: 4, hops: conditional.hops }], truncated: false })
    const input = reportInput({ inventory: { users: [admin, dev, reader] }, nodes: [userNode(admin, { isTierZero: true }), userNode(dev), userNode(reader)], engine })
    const { findings } = await overPermissionReport.build(input)
    const privesc = findings.filter((f) => f.check === 'privilege-escalation')
    expect(privesc.map((f) => [f.subject, f.severity])).toEqual([
      [dev.arn, 'high'],
      [reader.arn, 'medium'],
    ])
    expect(privesc[0]!.path?.hops).toEqual(chain.hops)
  })

  it('reports reach into restricted data only for principals whose blast radius contains restricted resources', async () => {
    const bucket = 'arn:aws:s3:::secrets'
    const bucketNode = { ...userNode(dev), id: bucket, kind: 'AWSResource' as const, name: 'secrets', classification: 'restricted' as const, properties: { accountId: '111111111111', resourceType: 's3:bucket' } }
    const grant = (from: string) => makeEdge({ from, to: bucket, kind: 'CanAccess', technique: 'aws/resource-access', evidence: [{ type: 'identity-policy', policy: `${from}#inline/p`, statement: 0 }], accessLevels: ['Read'] })
    const engine = stubEngine({ radius: { [dev.arn]: { byClassification: { public: 0, internal: 0, confidential: 0, restricted: 1 }, resources: [{ id: bucket, kind: 'AWSResource', name: 'secrets', account: '111111111111', classification: 'restricted', accessLevels: ['Read'], cost: 1, path: path([dev.arn, bucket]) }], totals: { principals: 0, resources: 1, scopes: 0, tierZero: 0 } } } })
    const input = reportInput({ inventory: { users: [dev, reader] }, nodes: [userNode(dev), userNode(reader), bucketNode], engine })
    const { findings } = await overPermissionReport.build({ ...input, edges: [grant(dev.arn), grant(reader.arn)] })
    expect(findings.filter((f) => f.check === 'restricted-blast-radius').map((f) => f.subject)).toEqual([dev.arn])
  })
})
