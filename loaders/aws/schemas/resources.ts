/**
 * @module loaders/aws/schemas/resources
 * The accepted `--resources` shapes: crownpath's own resources format, and the
 * AWS CLI outputs that carry resource facts (`s3api get-bucket-policy` /
 * `kms get-key-policy` keyed by bucket or key, `lambda list-functions`,
 * `ec2 describe-instances`). See loaders/aws/README.md.
 */
import { Type, type Static } from 'typebox'
import { AccountId, Arn, PolicyDocumentInput, TagList } from './common.js'

/** A scalar property value. */
const PropertyValue = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()])

/** One resource in crownpath's resources format. */
export const CrownpathResourceInput = Type.Object({
  arn: Arn,
  type: Type.String({ pattern: '^[a-z0-9-]+:[a-z0-9-]+$', description: 'a resource type `<service>:<resourceType>` (e.g. `s3:bucket`)' }),
  name: Type.Optional(Type.String({ minLength: 1 })),
  accountId: Type.Optional(AccountId),
  region: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  tags: Type.Optional(Type.Union([Type.Record(Type.String(), Type.String()), TagList], { description: 'tags as `{ "key": "value" }` or `[{ "Key", "Value" }]`' })),
  policy: Type.Optional(Type.Union([PolicyDocumentInput, Type.Null()])),
  runsAs: Type.Optional(Type.Array(Arn, { description: 'role or instance-profile ARNs' })),
  properties: Type.Optional(Type.Record(Type.String(), PropertyValue, { description: 'an object of scalar properties' })),
})

/** crownpath's resources format: `{ "accountId"?, "resources": [...] }`. */
export const CrownpathResourcesInput = Type.Object({
  accountId: Type.Optional(AccountId),
  resources: Type.Array(CrownpathResourceInput),
})

/** `s3api get-bucket-policy` / `kms get-key-policy` outputs gathered under the bucket name or key ARN. */
export const PolicyMapInput = Type.Record(
  Type.String(),
  Type.Object({ Policy: PolicyDocumentInput, PolicyName: Type.Optional(Type.String()) }),
)

/** `lambda list-functions`. */
export const LambdaListFunctionsInput = Type.Object({
  Functions: Type.Array(
    Type.Object({
      FunctionName: Type.String({ minLength: 1 }),
      FunctionArn: Arn,
      Role: Type.Optional(Arn),
      Runtime: Type.Optional(Type.String()),
      PackageType: Type.Optional(Type.String()),
    }),
  ),
})

/** `ec2 describe-instances`. */
export const Ec2DescribeInstancesInput = Type.Object({
  Reservations: Type.Array(
    Type.Object({
      OwnerId: AccountId,
      Instances: Type.Array(
        Type.Object({
          InstanceId: Type.String({ pattern: '^i-[0-9a-f]+$', description: 'an instance id (`i-...`)' }),
          IamInstanceProfile: Type.Optional(Type.Object({ Arn: Arn, Id: Type.Optional(Type.String()) })),
          Placement: Type.Optional(Type.Object({ AvailabilityZone: Type.Optional(Type.String()) })),
          State: Type.Optional(Type.Object({ Name: Type.Optional(Type.String()) })),
          MetadataOptions: Type.Optional(Type.Object({ HttpTokens: Type.Optional(Type.String()) })),
          Tags: Type.Optional(TagList),
        }),
      ),
    }),
  ),
})

/** Static types of the schemas above. */
export type CrownpathResources = Static<typeof CrownpathResourcesInput>
/** One resource in crownpath's format. */
export type CrownpathResource = Static<typeof CrownpathResourceInput>
/** Policies keyed by bucket name or key ARN. */
export type PolicyMap = Static<typeof PolicyMapInput>
/** `lambda list-functions`. */
export type LambdaListFunctions = Static<typeof LambdaListFunctionsInput>
/** `ec2 describe-instances`. */
export type Ec2DescribeInstances = Static<typeof Ec2DescribeInstancesInput>
