/**
 * @module techniques/aws/ec2-create-instance-profile
 * PassRole to EC2 for a role that sits in no instance profile (PMapper's
 * ec2_edges variant): create an instance profile, put the role in it, then
 * run an instance with that profile (or run one and associate the profile
 * afterwards). The plain `aws/passrole-compute/ec2-run-instances` covers
 * roles that already have a profile; this one covers those that do not.
 *
 * AWS behaviour (not PMapper's): `iam:AddRoleToInstanceProfile` is authorised
 * on the instance-profile resource, and the caller also needs iam:PassRole on
 * the role. https://docs.aws.amazon.com/IAM/latest/APIReference/API_AddRoleToInstanceProfile.html
 * EC2 checks iam:PassRole when an instance is launched or associated with a
 * profile. https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html
 */
import type { Technique } from '../technique.js'
import type { AwsTechniqueContext, Grant, ServiceTrust } from './context.js'
import { evidenceOf } from './context.js'
import { memo, techniqueEdge } from './shared.js'

const ID = 'aws/ec2-create-instance-profile'
const EC2 = 'ec2.amazonaws.com'
/** The instance-profile condition key of ec2:RunInstances / ec2:AssociateIamInstanceProfile. */
const PROFILE_KEY = 'ec2:InstanceProfile'

const newProfile = (account: string): string => `arn:aws:iam::${account}:instance-profile/*`
const newInstance = (account: string): string => `arn:aws:ec2:*:${account}:instance/*`

/** Who may pass the role to EC2, same account only (a role cannot be passed across accounts). */
function ec2Passers(ctx: AwsTechniqueContext, trust: ServiceTrust): readonly { principal: string; grant: Grant }[] {
  return memo(ctx, `ec2-create-instance-profile:passers:${trust.role.arn}`, () =>
    ctx
      .whoCan('iam:PassRole', trust.role.arn, { 'iam:PassedToService': EC2 })
      .filter(({ principal }) => principal !== trust.role.arn && ctx.accountOf(principal) === trust.role.accountId),
  )
}

/** Trust conditions EC2 satisfies by itself (aws:SourceAccount = the role's own account) are dropped. */
function trustConditions(trust: ServiceTrust): ServiceTrust['conditions'] {
  return trust.conditions.filter((c) => !(c.key.toLowerCase() === 'aws:sourceaccount' && c.values.every((v) => v === trust.role.accountId)))
}

/**
 * The launch step: ec2:RunInstances with the new profile (its name is the
 * attacker's choice, so ec2:InstanceProfile stays unknown), or, when that
 * answer is only conditional, ec2:RunInstances without a profile (the key is
 * then absent) followed by ec2:AssociateIamInstanceProfile. The unconditional
 * alternative wins; null when neither is allowed.
 */
function launchGrants(ctx: AwsTechniqueContext, principal: string, account: string): readonly Grant[] | null {
  const instance = newInstance(account)
  const withProfile = ctx.allowed(principal, 'ec2:RunInstances', instance)
  if (withProfile && withProfile.conditions.length === 0) return [withProfile]
  const bare = ctx.authorizer.evaluate({ principal, action: 'ec2:RunInstances', resource: instance, absentKeys: [PROFILE_KEY] })
  const associate = bare.decision === 'allowed' ? ctx.allowed(principal, 'ec2:AssociateIamInstanceProfile', instance) : null
  const runThenAssociate: Grant[] | null =
    associate && bare.decision === 'allowed' ? [{ evidence: evidenceOf(bare, 'ec2:RunInstances', instance), conditions: bare.unresolvedConditions }, associate] : null
  if (runThenAssociate && runThenAssociate.every((g) => g.conditions.length === 0)) return runThenAssociate
  return withProfile ? [withProfile] : runThenAssociate
}

/** PassRole(R, ec2) + iam:CreateInstanceProfile + iam:AddRoleToInstanceProfile + ec2:RunInstances (or run + associate), R in no profile. */
export const ec2CreateInstanceProfile: Technique<AwsTechniqueContext> = {
  id: ID,
  provider: 'aws',
  edgeKind: 'CanEscalateTo',
  title: 'Create an instance profile for the role, then run an EC2 instance with it',
  gain: 'execute',
  requires: [
    { action: 'iam:PassRole', on: 'target role', context: `iam:PassedToService=${EC2}` },
    { action: 'iam:CreateInstanceProfile', on: 'arn:aws:iam::<account>:instance-profile/*' },
    { action: 'iam:AddRoleToInstanceProfile', on: 'arn:aws:iam::<account>:instance-profile/*' },
    { action: 'ec2:RunInstances | ec2:RunInstances + ec2:AssociateIamInstanceProfile', on: 'arn:aws:ec2:*:<account>:instance/*' },
  ],
  // More steps than the plain run-instances (2) or run-then-associate (3), and two IAM writes that are loud.
  cost: 4,
  seeAlso: { pmapper: 'ec2_edges' },
  text: {
    general:
      'The role trusts ec2.amazonaws.com but sits in no instance profile, so it cannot be launched as is. A principal that may create an instance profile, add the role to it (iam:AddRoleToInstanceProfile, authorised on the instance profile, plus iam:PassRole on the role), pass the role to EC2 and launch an instance — or launch one and then associate the profile — gets code running with the role\'s credentials, which the instance metadata service hands out.',
    abuse:
      'aws iam create-instance-profile --instance-profile-name x; aws iam add-role-to-instance-profile --instance-profile-name x --role-name <role>; aws ec2 run-instances --image-id <ami> --iam-instance-profile Name=x --user-data file://exfil.sh (or run-instances without a profile, then aws ec2 associate-iam-instance-profile --instance-id <i> --iam-instance-profile Name=x)',
    opsec:
      'Three CloudTrail management events in a row: CreateInstanceProfile and AddRoleToInstanceProfile (IAM writes, rarely seen outside provisioning pipelines) and RunInstances; the new profile and instance persist until deleted. Credentials taken from IMDS and used outside EC2 can trip GuardDuty\'s InstanceCredentialExfiltration findings.',
    remediation:
      'Scope iam:PassRole to the roles this principal must pass (never `*`), with an iam:PassedToService condition; do not grant iam:CreateInstanceProfile / iam:AddRoleToInstanceProfile on `instance-profile/*` to principals that are not provisioning pipelines; restrict ec2:RunInstances and ec2:AssociateIamInstanceProfile with an ec2:InstanceProfile condition naming the allowed profiles. Remove the ec2.amazonaws.com trust from roles that are never meant to run on EC2.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2_instance-profiles.html',
      'https://docs.aws.amazon.com/IAM/latest/APIReference/API_AddRoleToInstanceProfile.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html',
      'https://github.com/nccgroup/PMapper/blob/master/principalmapper/graphing/ec2_edges.py',
    ],
  },
  *detect(ctx) {
    // Per principal and account the IAM and EC2 steps do not depend on the role: ask once.
    const steps = new Map<string, readonly Grant[] | null>()
    for (const trust of ctx.rolesTrustingService(EC2)) {
      const role = trust.role
      // A role already in a profile is the plain run-instances technique's, not this one's.
      if (role.instanceProfiles.length > 0) continue
      const account = role.accountId
      for (const { principal, grant } of ec2Passers(ctx, trust)) {
        const key = `${principal}\u0000${account}`
        let found = steps.get(key)
        if (found === undefined) {
          found = null
          const create = ctx.allowed(principal, 'iam:CreateInstanceProfile', newProfile(account))
          const add = create ? ctx.allowed(principal, 'iam:AddRoleToInstanceProfile', newProfile(account)) : null
          const launch = add ? launchGrants(ctx, principal, account) : null
          if (create && add && launch) found = [create, add, ...launch]
          steps.set(key, found)
        }
        if (!found) continue
        const trustEvidence = { type: 'trust-policy' as const, policy: `${role.arn}#trust`, policyName: role.name, statement: trust.statement, sid: trust.sid, action: 'sts:AssumeRole', resource: role.arn, note: `trust admits ${EC2}; the role is in no instance profile` }
        yield techniqueEdge(ec2CreateInstanceProfile, principal, role.arn, [grant, ...found], [trustEvidence], trustConditions(trust))
      }
    }
  },
}
