/**
 * @module loaders/aws/schemas/org
 * crownpath's single-file Organizations format, combining the outputs of
 * `organizations describe-organization`, `list-roots`,
 * `list-organizational-units-for-parent`, `list-accounts` (+ `list-parents`),
 * `list-policies` + `describe-policy` + `list-targets-for-policy`.
 * See loaders/aws/README.md.
 */
import { Type, type Static } from 'typebox'
import { AccountId, PolicyDocumentInput } from './common.js'

const OrgId = Type.String({ pattern: '^o-[a-z0-9]{10,32}$', description: 'an organization id (`o-...`)' })
const RootId = Type.String({ pattern: '^r-[0-9a-z]{4,32}$', description: 'a root id (`r-...`)' })
const OuId = Type.String({ pattern: '^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$', description: 'an OU id (`ou-...`)' })
const ParentId = Type.String({ pattern: '^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$', description: 'a parent id (a root `r-...` or an OU `ou-...`)' })

/** The organisation file. */
export const OrgFileInput = Type.Object({
  Organization: Type.Object({
    Id: OrgId,
    Arn: Type.Optional(Type.String()),
    MasterAccountId: Type.Optional(AccountId),
    MasterAccountArn: Type.Optional(Type.String()),
    FeatureSet: Type.Optional(Type.String()),
  }),
  Roots: Type.Array(Type.Object({ Id: RootId, Name: Type.Optional(Type.String()), Arn: Type.Optional(Type.String()) }), { minItems: 1, description: 'at least one root' }),
  OrganizationalUnits: Type.Optional(Type.Array(Type.Object({ Id: OuId, Name: Type.String(), ParentId: ParentId, Arn: Type.Optional(Type.String()) }))),
  Accounts: Type.Array(
    Type.Object({
      Id: AccountId,
      Name: Type.Optional(Type.String()),
      ParentId: ParentId,
      Arn: Type.Optional(Type.String()),
      Email: Type.Optional(Type.String()),
      Status: Type.Optional(Type.String()),
    }),
  ),
  Policies: Type.Optional(
    Type.Array(
      Type.Object({
        PolicySummary: Type.Object({
          Id: Type.String({ pattern: '^p-[0-9a-zA-Z_]{8,128}$', description: 'a policy id (`p-...`)' }),
          Arn: Type.Optional(Type.String()),
          Name: Type.String(),
          Type: Type.String({ description: 'a policy type (`SERVICE_CONTROL_POLICY`, `RESOURCE_CONTROL_POLICY`, ...)' }),
          AwsManaged: Type.Optional(Type.Boolean()),
          Description: Type.Optional(Type.String()),
        }),
        Content: PolicyDocumentInput,
        Targets: Type.Array(Type.Object({ TargetId: Type.String(), Type: Type.Optional(Type.String()), Name: Type.Optional(Type.String()), Arn: Type.Optional(Type.String()) })),
      }),
    ),
  ),
})

/** Static type of the organisation file. */
export type OrgFile = Static<typeof OrgFileInput>
