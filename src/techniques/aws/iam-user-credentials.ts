/**
 * @module techniques/aws/iam-user-credentials
 * Principal access by minting credentials for another IAM user: a new access
 * key (or a rotated one), a new or reset console password.
 */
import type { AwsUser } from '../../model/index.js'
import type { Technique } from '../technique.js'
import type { AwsTechniqueContext, Grant } from './context.js'
import { inventoryEvidence, techniqueEdge } from './shared.js'

/** IAM allows two access keys per user (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html). */
const MAX_ACCESS_KEYS = 2

interface CredentialRow {
  readonly name: string
  readonly title: string
  readonly actions: readonly string[]
  readonly cost: number
  /** Whether the target user's state allows it; a string explains why in the evidence. */
  readonly precondition: (user: AwsUser) => string | null
  readonly seeAlso: Readonly<Record<string, string>>
  readonly abuse: string
  readonly opsec: string
}

const keyCount = (u: AwsUser): number | null => (u.accessKeys === null ? null : u.accessKeys.length)
/** Console sign-in asks for the MFA device assigned to the user, which a new password does not give (AWS behaviour). */
const hasMfa = (u: AwsUser): boolean => (u.mfaDevices?.length ?? 0) > 0

const ROWS: readonly CredentialRow[] = [
  {
    name: 'create-access-key',
    title: 'Create an access key for another user',
    actions: ['iam:CreateAccessKey'],
    cost: 1,
    precondition: (u) => {
      const n = keyCount(u)
      if (n === null) return 'key count unknown; assumed below the limit of 2'
      return n < MAX_ACCESS_KEYS ? `user has ${n} access key(s), below the limit of 2` : null
    },
    seeAlso: { pathfinding: 'iam-002', iamVulnerable: '4', pmapper: 'iam_edges', pacu: 'CreateAccessKey', cloudsplaining: 'CreateAccessKey', awspx: 'CreateUserAccessKey' },
    abuse: 'aws iam create-access-key --user-name <target>',
    opsec: 'The new key shows in the user\'s key list and credential report; CreateAccessKey is a CloudTrail management event.',
  },
  {
    name: 'rotate-access-key',
    title: 'Delete and re-create an access key of another user',
    actions: ['iam:DeleteAccessKey', 'iam:CreateAccessKey'],
    cost: 3,
    precondition: (u) => (keyCount(u) === MAX_ACCESS_KEYS ? 'user already has 2 access keys: one must be deleted first' : null),
    seeAlso: { pathfinding: 'iam-003', pmapper: 'iam_edges', cloudsplaining: 'CreateAndRotateAccessKey', awspx: 'ReplaceUserAccessKey' },
    abuse: 'aws iam delete-access-key --user-name <target> --access-key-id <old>; aws iam create-access-key --user-name <target>',
    opsec: 'Noisy: deleting a key breaks whatever uses it.',
  },
  {
    name: 'create-login-profile',
    title: 'Set a console password for a user that has none',
    actions: ['iam:CreateLoginProfile'],
    cost: 1,
    precondition: (u) => {
      if (hasMfa(u)) return null
      if (u.hasLoginProfile === true) return null
      return u.hasLoginProfile === false ? 'user has no console password and no MFA device' : 'login profile unknown; user has no known MFA device'
    },
    seeAlso: { pathfinding: 'iam-004', iamVulnerable: '5', pmapper: 'iam_edges', pacu: 'CreateLoginProfile', cloudsplaining: 'CreateLoginProfile', awspx: 'SetUserLoginProfile' },
    abuse: 'aws iam create-login-profile --user-name <target> --password <new> --no-password-reset-required',
    opsec: 'A console sign-in by a user who never had one is unusual and visible in CloudTrail sign-in events.',
  },
  {
    name: 'update-login-profile',
    title: 'Reset the console password of a user',
    actions: ['iam:UpdateLoginProfile'],
    cost: 2,
    precondition: (u) => (u.hasLoginProfile === true && !hasMfa(u) ? 'user has a console password and no MFA device' : null),
    seeAlso: { pathfinding: 'iam-006', iamVulnerable: '6', pmapper: 'iam_edges', pacu: 'UpdateLoginProfile', cloudsplaining: 'UpdateLoginProfile', awspx: 'UpdateUserLoginProfile' },
    abuse: 'aws iam update-login-profile --user-name <target> --password <new> --no-password-reset-required',
    opsec: 'The real user is locked out of the console; noticed quickly.',
  },
]

function makeCredentialTechnique(row: CredentialRow): Technique<AwsTechniqueContext> {
  const id = `aws/iam-user-credentials/${row.name}`
  const t = { id, edgeKind: 'CanEscalateTo' as const, cost: row.cost }
  return {
    id,
    provider: 'aws',
    edgeKind: 'CanEscalateTo',
    title: row.title,
    gain: 'credentials',
    requires: row.actions.map((action) => ({ action, on: 'target user' })),
    cost: row.cost,
    seeAlso: row.seeAlso,
    text: {
      general: `The principal may call ${row.actions.join(' and ')} on another IAM user and so obtain credentials that sign in as that user, with all of its permissions. Users with an MFA device are skipped for console passwords: sign-in would still ask for the device.`,
      abuse: row.abuse,
      opsec: row.opsec,
      remediation: `Scope ${row.actions.join(' / ')} to \`arn:aws:iam::<account>:user/\${aws:username}\` (self-service only), or remove it.`,
      references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_my-sec-creds-self-manage.html', 'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/'],
    },
    *detect(ctx) {
      for (const user of ctx.inventory.users) {
        const why = row.precondition(user)
        if (why === null) continue
        const [first, ...rest] = row.actions as [string, ...string[]]
        for (const { principal, grant } of ctx.whoCan(first, user.arn)) {
          if (principal === user.arn) continue
          const grants: Grant[] = [grant]
          let ok = true
          for (const action of rest) {
            const g = ctx.allowed(principal, action, user.arn)
            if (!g) { ok = false; break }
            grants.push(g)
          }
          if (!ok) continue
          yield techniqueEdge(t, principal, user.arn, grants, [inventoryEvidence(user.arn, why)])
        }
      }
    },
  }
}

/** The four credential-creation techniques. */
export const IAM_USER_CREDENTIAL_TECHNIQUES: readonly Technique<AwsTechniqueContext>[] = ROWS.map(makeCredentialTechnique)
