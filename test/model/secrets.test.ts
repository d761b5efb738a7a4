import { describe, expect, it } from 'vitest'
import type { DataIssue } from '../../src/model/index.js'
import { assertNoSecrets, dropSecretNamedKeys, isCrownpathError } from '../../src/model/index.js'

function pathOf(value: unknown): string | null {
  try {
    assertNoSecrets(value)
    return null
  } catch (error) {
    if (isCrownpathError(error, 'CP_ERR_MODEL_SECRET_FIELD')) return String(error.params['path'])
    throw error
  }
}

describe('assertNoSecrets', () => {
  it('refuses secret-bearing fields anywhere, naming the path', () => {
    expect(pathOf({ aws: { users: [{ accessKeys: [{ id: 'AKIA', SecretAccessKey: 'x' }] }] } })).toBe('$.aws.users[0].accessKeys[0].SecretAccessKey')
    expect(pathOf({ password: 'x' })).toBe('$.password')
    expect(pathOf([{ nested: { client_secret: 'x' } }])).toBe('$[0].nested.client_secret')
    expect(pathOf({ SessionToken: 'x' })).toBe('$.SessionToken')
    expect(pathOf({ privateKey: 'x' })).toBe('$.privateKey')
  })

  it('allows ids, hints and the generic value field', () => {
    expect(pathOf({ AccessKeyId: 'AKIA', keyId: 'k', hint: 'abc', tags: [{ key: 'a', value: 'b' }] })).toBeNull()
    expect(pathOf(null)).toBeNull()
    expect(pathOf('password')).toBeNull()
  })

  it('can refuse the generic value field too', () => {
    expect(() => assertNoSecrets({ value: 'x' }, '$', false)).toThrow(/refusing to store secret-bearing field `\$\.value`/)
  })
})

describe('dropSecretNamedKeys', () => {
  it('drops keys whose name marks secret material, with one warning each, and keeps the rest', () => {
    const issues: DataIssue[] = []
    const tags = { team: 'pay', Password: 'hunter2', value: 'v' }
    const kept = dropSecretNamedKeys(tags, 'arn:aws:s3:::b', 'tag', issues)
    expect(kept).toEqual({ team: 'pay', value: 'v' })
    expect(tags).toHaveProperty('Password')
    expect(issues).toEqual([{ severity: 'warning', where: 'arn:aws:s3:::b', message: 'tag `Password` dropped: its name marks secret material' }])
  })

  it('hands back the map itself when nothing is dropped (negative: no copy, no warning)', () => {
    const issues: DataIssue[] = []
    const tags = { team: 'pay', value: 'v' }
    expect(dropSecretNamedKeys(tags, 'arn:aws:s3:::b', 'tag', issues)).toBe(tags)
    expect(issues).toEqual([])
  })
})
