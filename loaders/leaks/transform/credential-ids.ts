/**
 * @module loaders/leaks/transform/credential-ids
 * Extract the credential id (never the secret) from a scanner finding. Pure.
 *
 * Rules (also in README.md):
 * - AWS: the first access key id (`AKIA`/`ASIA` + 16 upper-case letters or
 *   digits) in the finding's id-bearing fields. An AWS secret access key alone
 *   names no key and is skipped with a warning.
 * - Azure: only when the finding carries the credential's key id (a GUID) in an
 *   id field (`key_id`, `keyId`, `KeyId`, `credential_id`, `secret_id`) — a
 *   client secret value alone does not say which credential it is.
 */

/** AWS access key ids: long-term `AKIA…`, temporary `ASIA…`. */
const AWS_KEY_ID = /(?<![A-Z0-9])((?:AKIA|ASIA)[A-Z0-9]{16})(?![A-Z0-9])/

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Field names that carry an Azure credential key id in scanner extra data. */
export const AZURE_KEY_ID_FIELDS = ['key_id', 'keyId', 'KeyId', 'credential_id', 'credentialId', 'secret_id', 'secretId'] as const

/** A credential id found in a finding. */
export interface CredentialRef {
  readonly provider: 'aws' | 'azure'
  readonly credentialId: string
}

/** The first AWS access key id in `texts`, or null. */
export function findAwsKeyId(texts: readonly (string | null | undefined)[]): string | null {
  for (const text of texts) {
    if (typeof text !== 'string') continue
    const match = AWS_KEY_ID.exec(text)
    if (match) return match[1]!
  }
  return null
}

/** An Azure key id (lower-cased GUID) from a record's id fields, or null. */
export function findAzureKeyId(record: Readonly<Record<string, unknown>> | null | undefined): string | null {
  if (!record) return null
  for (const field of AZURE_KEY_ID_FIELDS) {
    const value = record[field]
    if (typeof value === 'string' && GUID.test(value.trim())) return value.trim().toLowerCase()
  }
  return null
}
