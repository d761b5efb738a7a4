/**
 * @module loaders/aws/schemas/access-keys
 * `--access-keys` input: `aws iam list-access-keys` output (one document, or an
 * array of one per user), each key optionally carrying the `AccessKeyLastUsed`
 * object that `aws iam get-access-key-last-used` prints for it. Only key ids
 * and metadata: a secret access key field is rejected.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListAccessKeys.html
 */
import { Type, type Static } from 'typebox'
import { DateString, PrincipalArn } from './common.js'

/** An access key id (`AKIA...` long-term; `ASIA...` is temporary and never listed). */
export const AccessKeyId = Type.String({ pattern: '^AKIA[A-Z0-9]{12,124}$', description: 'an access key id (`AKIA...`)' })

/** `AccessKeyMetadata` (+ optional `AccessKeyLastUsed`, + optional `UserArn` to disambiguate accounts). */
export const AccessKeyEntryInput = Type.Object({
  UserName: Type.String({ minLength: 1 }),
  UserArn: Type.Optional(PrincipalArn),
  AccessKeyId: AccessKeyId,
  Status: Type.Union([Type.Literal('Active'), Type.Literal('Inactive')]),
  CreateDate: Type.Optional(DateString),
  AccessKeyLastUsed: Type.Optional(
    Type.Object({
      LastUsedDate: Type.Optional(DateString),
      ServiceName: Type.Optional(Type.String()),
      Region: Type.Optional(Type.String()),
    }),
  ),
})

/** One `list-access-keys` document. */
export const AccessKeysDocumentInput = Type.Object({ AccessKeyMetadata: Type.Array(AccessKeyEntryInput) })

/** The file: one document or an array of them. */
export const AccessKeysFileInput = Type.Union([AccessKeysDocumentInput, Type.Array(AccessKeysDocumentInput)])

/** One key entry. */
export type AccessKeyEntry = Static<typeof AccessKeyEntryInput>
/** The whole file. */
export type AccessKeysFile = Static<typeof AccessKeysFileInput>
