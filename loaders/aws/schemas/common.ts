/**
 * @module loaders/aws/schemas/common
 * TypeBox building blocks shared by the AWS input schemas: ARNs, dates, tags,
 * policy documents in either encoding.
 */
import { Type } from 'typebox'

/** An ARN of any service (`arn:<partition>:<service>:<region>:<account>:<resource>`). */
export const Arn = Type.String({ pattern: '^arn:aws[a-z-]*:[a-z0-9-]+:[^:]*:[^:]*:.+$', description: 'an ARN (`arn:aws:<service>:<region>:<account>:<resource>`)' })

/** An IAM ARN that names its account (users, groups, roles, customer-managed policies). */
export const IamArn = Type.String({ pattern: '^arn:aws[a-z-]*:iam::(\\d{12}|aws):.+$', description: 'an IAM ARN (`arn:aws:iam::<12-digit account>:...`)' })

/** The ARN of an IAM user, group, role or instance profile: always names a 12-digit account. */
export const PrincipalArn = Type.String({ pattern: '^arn:aws[a-z-]*:iam::\\d{12}:.+$', description: 'an IAM ARN (`arn:aws:iam::<12-digit account>:...`)' })

/** An AWS account id. */
export const AccountId = Type.String({ pattern: '^\\d{12}$', description: 'a 12-digit AWS account id' })

/** A timestamp as the CLI prints it (ISO 8601); kept as given. */
export const DateString = Type.String({ description: 'an ISO 8601 date string' })

/**
 * A policy document: the CLI prints a decoded object, the raw API returns a
 * URL-encoded JSON string (https://docs.aws.amazon.com/IAM/latest/APIReference/API_PolicyVersion.html).
 */
export const PolicyDocumentInput = Type.Union([Type.String(), Type.Record(Type.String(), Type.Unknown())], {
  description: 'a policy document (a JSON object or a URL-encoded JSON string)',
})

/** AWS tag list (`[{ "Key": "env", "Value": "prod" }]`). */
export const TagList = Type.Array(Type.Object({ Key: Type.String(), Value: Type.String() }))

/** Optional string that may also be `null` in hand-edited files. */
export const OptionalString = Type.Optional(Type.Union([Type.String(), Type.Null()]))
