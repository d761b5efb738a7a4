import { describe, expect, it } from 'vitest'
import { assertNoSecrets, isCrownpathError } from '../../src/model/index.js'

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
