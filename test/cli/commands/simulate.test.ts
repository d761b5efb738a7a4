import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseContextPairs } from '../../../src/cli/commands/simulate.js'
import { openMemoryStore } from '../../../src/graph/index.js'
import { emptyInventory, EXIT, makeNode } from '../../../src/model/index.js'
import { buildInventory } from '../../aws/policy/inventory-builder.js'
import { cli } from '../run.js'

let dir: string
let db: string

const aws = buildInventory({
  accounts: [{ id: '111111111111' }],
  users: [
    {
      arn: 'arn:aws:iam::111111111111:user/alice',
      inline: {
        p: {
          Statement: [
            { Sid: 'Ec2', Effect: 'Allow', Action: 'ec2:*', Resource: '*' },
            { Sid: 'NoMfaNoTerminate', Effect: 'Deny', Action: 'ec2:TerminateInstances', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } },
          ],
        },
      },
    },
  ],
})

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'crownpath-simulate-'))
  db = join(dir, 'c.db')
  const store = openMemoryStore({ path: db })
  await store.writeSnapshot({
    label: 'sim',
    nodes: [makeNode({ id: 'arn:aws:iam::111111111111:root', kind: 'AWSAccount', name: '111111111111', account: '111111111111', properties: { accountId: '111111111111' } })],
    edges: [],
    inventory: { ...emptyInventory(), aws },
    issues: [],
    createdAt: new Date('2026-11-27T10:00:00.000Z'),
  })
  await store.close()
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const base = ['--principal', 'arn:aws:iam::111111111111:user/alice', '--action', 'ec2:TerminateInstances', '--resource', 'arn:aws:ec2:eu-west-1:111111111111:instance/i-1']

describe('crownpath simulate', () => {
  it('prints the decision with the matched statements and unresolved conditions', async () => {
    const run = await cli(['--db', db, '--format', 'json', 'simulate', ...base])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual({
      decision: 'allowed',
      conditional: true,
      unresolvedConditions: [
        { operator: 'BoolIfExists', key: 'aws:MultiFactorAuthPresent', values: ['false'], policy: 'arn:aws:iam::111111111111:user/alice#inline/p', statement: 1, negated: true },
      ],
      matched: [
        { policy: 'arn:aws:iam::111111111111:user/alice#inline/p', statement: 0, effect: 'Allow', policyType: 'identity', sid: 'Ec2' },
        { policy: 'arn:aws:iam::111111111111:user/alice#inline/p', statement: 1, effect: 'Deny', policyType: 'identity', sid: 'NoMfaNoTerminate' },
      ],
    })
  })

  it('takes --context and --absent', async () => {
    const denied = await cli(['--db', db, '--format', 'json', 'simulate', ...base, '--absent', 'aws:MultiFactorAuthPresent'])
    expect(JSON.parse(denied.stdout)).toMatchObject({ decision: 'explicitDeny', conditional: false, matched: [{ statement: 1, effect: 'Deny' }] })
    const allowed = await cli(['--db', db, '--format', 'json', 'simulate', ...base, '--context', 'aws:MultiFactorAuthPresent=true'])
    expect(JSON.parse(allowed.stdout)).toMatchObject({ decision: 'allowed', conditional: false, unresolvedConditions: [] })
  })

  it('accepts a unique user name and prints a table', async () => {
    const run = await cli(['--db', db, 'simulate', '--principal', 'alice', '--action', 'ec2:RunInstances', '--resource', '*'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/decision:\s+allowed/)
    expect(run.stdout).toContain('Allow arn:aws:iam::111111111111:user/alice#inline/p statement 0 (Ec2)')
  })

  it('fails with CP_ERR_NODE_NOT_FOUND for an unknown principal', async () => {
    const run = await cli(['--db', db, '--format', 'json', 'simulate', '--principal', 'arn:aws:iam::111111111111:user/ghost', '--action', 's3:GetObject', '--resource', '*'])
    expect(run.code).toBe(EXIT.notFound)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('arn:aws:iam::111111111111:user/ghost')
  })

  it('parses repeated context keys as multi-valued', () => {
    expect(parseContextPairs(['aws:TagKeys=a', 'aws:TagKeys=b', 'aws:SourceIp=10.0.0.1'])).toEqual({ 'aws:TagKeys': ['a', 'b'], 'aws:SourceIp': '10.0.0.1' })
    expect(() => parseContextPairs(['novalue'])).toThrow(/key=value/)
  })
})
