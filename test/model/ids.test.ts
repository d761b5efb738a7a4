import { describe, expect, it } from 'vitest'
import { accountOfArn, serviceOfArn } from '../../src/model/index.js'

describe('ARN fields', () => {
  it('reads the service and the account of an ARN with six fields, colons in the resource part included', () => {
    expect([serviceOfArn('arn:aws:iam::123456789012:role/x'), accountOfArn('arn:aws:iam::123456789012:role/x')]).toEqual(['iam', '123456789012'])
    expect([serviceOfArn('arn:aws:lambda:us-east-1:123:function:f'), accountOfArn('arn:aws:lambda:us-east-1:123:function:f')]).toEqual(['lambda', '123'])
    expect([serviceOfArn('arn:aws:s3:::bucket/a:b'), accountOfArn('arn:aws:s3:::bucket/a:b')]).toEqual(['s3', null])
  })

  it('gives null for an empty account and for anything with fewer than six fields', () => {
    expect(accountOfArn('arn:aws:s3:::bucket')).toBeNull()
    for (const notArn of ['', 'x', 'arn:aws:iam', 'arn:aws:iam::123', 'a:b:c:d:e']) {
      expect(serviceOfArn(notArn)).toBeNull()
      expect(accountOfArn(notArn)).toBeNull()
    }
    expect(serviceOfArn('::::::')).toBe('')
  })
})
