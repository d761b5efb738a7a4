/**
 * @module model/secrets
 * The guard that keeps secrets out of snapshots and logs: field names that
 * carry secret material are refused wherever they appear.
 */
import { CrownpathError } from './errors.js'

/**
 * Field names that hold secret material in AWS, Azure and scanner outputs.
 * Ids (AccessKeyId, keyId) and hints (`hint`, the first 3 characters Entra
 * shows) are metadata and allowed.
 */
export const SECRET_FIELD_PATTERN =
  /^(secretaccesskey|secret_access_key|sessiontoken|session_token|password|passwd|secrettext|clientsecret|client_secret|secret|privatekey|private_key|rawv2|raw|token|accesstoken|access_token|refreshtoken|refresh_token|value)$/i

/** Fields whose name matches the pattern but which carry no secret in our own shapes. */
const ALLOWED_FIELDS = new Set(['value'])

/**
 * Throw if `value` contains a secret-bearing field. `allowValueField` permits
 * the generic `value` key (used by our own shapes for tag values / app roles).
 */
export function assertNoSecrets(value: unknown, path = '$', allowValueField = true): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => assertNoSecrets(item, `${path}[${i}]`, allowValueField))
    return
  }
  if (value === null || typeof value !== 'object') return
  for (const [key, child] of Object.entries(value)) {
    if (SECRET_FIELD_PATTERN.test(key) && !(allowValueField && ALLOWED_FIELDS.has(key.toLowerCase()))) {
      throw new CrownpathError('CP_ERR_MODEL_SECRET_FIELD', { path: `${path}.${key}` })
    }
    assertNoSecrets(child, `${path}.${key}`, allowValueField)
  }
}
