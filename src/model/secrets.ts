/**
 * @module model/secrets
 * The guard that keeps secrets out of snapshots and logs: field names that
 * carry secret material are refused wherever they appear.
 */
import { CrownpathError } from './errors.js'
import type { DataIssue } from './errors.js'

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
  // The walk builds no path strings; the path is assembled only when a secret is found,
  // which keeps the check cheap on snapshots with millions of fields.
  const found = findSecretField(value, allowValueField)
  if (found) throw new CrownpathError('CP_ERR_MODEL_SECRET_FIELD', { path: path + found.reverse().join('') })
}

/**
 * Verdicts per field name: a snapshot repeats a few hundred names millions of
 * times, so each is matched against the pattern once. Bounded, because tag keys
 * are user data.
 */
const SECRET_NAME_VERDICTS = new Map<string, boolean>()
const MAX_REMEMBERED_NAMES = 10_000

function isSecretName(key: string, allowValueField: boolean): boolean {
  let isSecret = SECRET_NAME_VERDICTS.get(key)
  if (isSecret === undefined) {
    isSecret = SECRET_FIELD_PATTERN.test(key)
    if (SECRET_NAME_VERDICTS.size < MAX_REMEMBERED_NAMES) SECRET_NAME_VERDICTS.set(key, isSecret)
  }
  return isSecret && !(allowValueField && ALLOWED_FIELDS.has(key.toLowerCase()))
}

/** Path segments (innermost first: `.key`, `[3]`) to the first secret-bearing field, or null. */
function findSecretField(value: unknown, allowValueField: boolean): string[] | null {
  if (value === null || typeof value !== 'object') return null
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const item: unknown = value[i]
      if (item === null || typeof item !== 'object') continue
      const found = findSecretField(item, allowValueField)
      if (found) return (found.push(`[${i}]`), found)
    }
    return null
  }
  const record = value as Record<string, unknown>
  // for…in, not Object.keys: no key array per object (M's inventory alone is 0.85 M objects; the
  // walk took ~245 → ~160 ms). Inherited enumerable keys, which plain data has none of, would only
  // be checked too.
  for (const key in record) {
    if (isSecretName(key, allowValueField)) return [`.${key}`]
    const child = record[key]
    if (child === null || typeof child !== 'object') continue
    const found = findSecretField(child, allowValueField)
    if (found) return (found.push(`.${key}`), found)
  }
  return null
}

/**
 * A tag or property map without the keys whose name marks secret material (a
 * tag named `password`), each dropped key reported as a warning: loaders call
 * this where such maps enter the inventory, so a stray tag costs a warning, not
 * the whole ingest ({@link assertNoSecrets} would refuse it later). The map
 * itself comes back when no key is dropped (the usual case: M has 10⁵ of them).
 */
export function dropSecretNamedKeys<V>(record: Readonly<Record<string, V>>, owner: string, what: string, issues: DataIssue[]): Readonly<Record<string, V>> {
  let hasSecretName = false
  for (const key in record) {
    if (!isSecretName(key, true)) continue
    hasSecretName = true
    break
  }
  if (!hasSecretName) return record
  const out: Record<string, V> = {}
  for (const [key, value] of Object.entries(record)) {
    if (isSecretName(key, true)) {
      issues.push({ severity: 'warning', where: owner, message: `${what} \`${key}\` dropped: its name marks secret material` })
      continue
    }
    out[key] = value
  }
  return out
}
