/**
 * @module loaders/aws/transform/resource-policies
 * Resources and their resource-based policies, from crownpath's resources
 * format or the AWS CLI shapes (see README.md) → `AwsResource`, and the
 * resolution of instance-profile ARNs to the roles they carry. Pure.
 */
import type { AwsResource, AwsRole, DataIssue, PolicyDocument } from '../../../src/model/index.js'
import { CrownpathError, accountOfArn, joinJsonPath } from '../../../src/model/index.js'
import type { CrownpathResource, CrownpathResources, Ec2DescribeInstances, LambdaListFunctions, PolicyMap } from '../schemas/resources.js'
import { decodePolicyDocument } from './policies.js'
import { tagsToRecord } from './tags.js'

/** The `--resources` shapes crownpath recognises. */
export type ResourcesShape = 'crownpath' | 'policy-map' | 'lambda-list-functions' | 'ec2-describe-instances'

/** What each shape looks like, for the "unknown shape" error. */
export const RESOURCES_SHAPES: Readonly<Record<ResourcesShape, string>> = {
  crownpath: '`{ "resources": [...] }` (crownpath resources format)',
  'policy-map': '`{ "<bucket or key ARN>": { "Policy": "..." } }` (get-bucket-policy / get-key-policy outputs)',
  'lambda-list-functions': '`{ "Functions": [...] }` (lambda list-functions)',
  'ec2-describe-instances': '`{ "Reservations": [...] }` (ec2 describe-instances)',
}

/** Recognise the shape of a parsed `--resources` file by its top-level keys; null when none fits. */
export function detectResourcesShape(value: unknown): ResourcesShape | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null
  const record = value as Record<string, unknown>
  if ('resources' in record) return 'crownpath'
  if ('Functions' in record) return 'lambda-list-functions'
  if ('Reservations' in record) return 'ec2-describe-instances'
  const entries = Object.values(record)
  if (entries.length > 0 && entries.every((v) => v !== null && typeof v === 'object' && !Array.isArray(v) && 'Policy' in v)) return 'policy-map'
  return null
}

/** Context a resources file needs from the rest of the ingest. */
export interface ResourceContext {
  readonly file: string
  /** The account to use for ARNs without one (S3), when the ingest holds exactly one account. */
  readonly defaultAccountId: string | null
}

/**
 * The resource type of an ARN in the Service Authorization Reference's
 * spelling, for shapes that do not state it.
 */
export function resourceTypeOfArn(arn: string): string {
  const parts = arn.split(':')
  const service = parts[2] ?? ''
  const resource = parts.slice(5).join(':')
  switch (service) {
    case 's3':
      return resource.includes('/') ? 's3:object' : 's3:bucket'
    case 'sqs':
      return 'sqs:queue'
    case 'sns':
      return 'sns:topic'
    default: {
      const kind = /^([A-Za-z0-9-]+)[/:]/.exec(resource)?.[1]
      return kind ? `${service}:${kind}` : `${service}:${service}`
    }
  }
}

/** The short name of a resource from its ARN (the part after the last `/` or resource-type `:`). */
export function resourceNameOfArn(arn: string): string {
  const resource = arn.split(':').slice(5).join(':')
  const slash = resource.lastIndexOf('/')
  const colon = resource.indexOf(':')
  const name = slash >= 0 ? resource.slice(slash + 1) : colon >= 0 ? resource.slice(colon + 1) : resource
  // Never an empty name (an ARN ending in `/`): fall back to the whole resource part.
  return name === '' ? resource : name
}

function regionOfArn(arn: string): string | null {
  const region = arn.split(':')[3]
  return region ? region : null
}

/** The owning account: explicit field, the ARN's, the file's, or the ingest's only account. */
function resolveAccount(arn: string, explicit: string | undefined, fileAccount: string | undefined, ctx: ResourceContext, path: string): string {
  const account = explicit ?? accountOfArn(arn) ?? fileAccount ?? ctx.defaultAccountId
  if (account && account !== 'aws') return account
  throw new CrownpathError('CP_ERR_INPUT_SHAPE', {
    file: ctx.file,
    path: joinJsonPath(path, 'accountId'),
    expected: `an account id: the ARN \`${arn}\` names none and the ingest does not hold exactly one account`,
  })
}

function policyOrNull(value: unknown, ctx: ResourceContext, path: string): PolicyDocument | null {
  return value === undefined || value === null ? null : decodePolicyDocument(value, ctx.file, path)
}

/** crownpath resources format → resources. */
export function transformCrownpathResources(input: CrownpathResources, ctx: ResourceContext): AwsResource[] {
  return input.resources.map((r: CrownpathResource, i) => {
    const path = `$.resources[${i}]`
    return {
      arn: r.arn,
      type: r.type,
      name: r.name ?? resourceNameOfArn(r.arn),
      accountId: resolveAccount(r.arn, r.accountId, input.accountId, ctx, path),
      region: r.region === undefined ? regionOfArn(r.arn) : r.region,
      tags: Array.isArray(r.tags) ? tagsToRecord(r.tags) : { ...(r.tags ?? {}) },
      policy: policyOrNull(r.policy, ctx, joinJsonPath(path, 'policy')),
      runsAs: [...(r.runsAs ?? [])],
      properties: { ...(r.properties ?? {}) },
    }
  })
}

/** Policies keyed by bucket name (`get-bucket-policy`) or by ARN (`get-key-policy` keyed by key ARN). */
export function transformPolicyMap(input: PolicyMap, ctx: ResourceContext): AwsResource[] {
  return Object.entries(input).map(([key, entry]) => {
    const path = joinJsonPath('$', key)
    const arn = key.startsWith('arn:') ? key : `arn:aws:s3:::${key}`
    return {
      arn,
      type: resourceTypeOfArn(arn),
      name: resourceNameOfArn(arn),
      accountId: resolveAccount(arn, undefined, undefined, ctx, path),
      region: regionOfArn(arn),
      tags: {},
      policy: decodePolicyDocument(entry.Policy, ctx.file, joinJsonPath(path, 'Policy')),
      runsAs: [],
      properties: {},
    }
  })
}

/**
 * `lambda list-functions` → functions with their execution role, and their
 * function policy when one is given by function ARN (live collection reads
 * it with `GetPolicy`; list-functions itself carries none).
 */
export function transformLambdaFunctions(input: LambdaListFunctions, ctx: ResourceContext, policies?: ReadonlyMap<string, unknown>): AwsResource[] {
  return input.Functions.map((fn, i) => ({
    arn: fn.FunctionArn,
    type: 'lambda:function',
    name: fn.FunctionName,
    accountId: resolveAccount(fn.FunctionArn, undefined, undefined, ctx, `$.Functions[${i}]`),
    region: regionOfArn(fn.FunctionArn),
    tags: {},
    policy: policyOrNull(policies?.get(fn.FunctionArn), ctx, `$.Functions[${i}].Policy`),
    runsAs: fn.Role ? [fn.Role] : [],
    properties: { runtime: fn.Runtime ?? null, packageType: fn.PackageType ?? null },
  }))
}

/** `ec2 describe-instances` → instances with their instance profile (resolved to a role later). */
export function transformEc2Instances(input: Ec2DescribeInstances, ctx: ResourceContext): AwsResource[] {
  const out: AwsResource[] = []
  input.Reservations.forEach((reservation, r) => {
    reservation.Instances.forEach((instance, i) => {
      const zone = instance.Placement?.AvailabilityZone ?? null
      // The region is the zone without its letter suffix (us-east-1a → us-east-1).
      const region = zone ? zone.replace(/[a-z]$/, '') : null
      if (!region) {
        throw new CrownpathError('CP_ERR_INPUT_SHAPE', {
          file: ctx.file,
          path: `$.Reservations[${r}].Instances[${i}].Placement.AvailabilityZone`,
          expected: 'an availability zone (the instance ARN needs its region)',
        })
      }
      out.push({
        arn: `arn:aws:ec2:${region}:${reservation.OwnerId}:instance/${instance.InstanceId}`,
        type: 'ec2:instance',
        name: instance.Tags?.find((t) => t.Key === 'Name')?.Value ?? instance.InstanceId,
        accountId: reservation.OwnerId,
        region,
        tags: tagsToRecord(instance.Tags),
        policy: null,
        runsAs: instance.IamInstanceProfile ? [instance.IamInstanceProfile.Arn] : [],
        properties: { state: instance.State?.Name ?? null, imdsHttpTokens: instance.MetadataOptions?.HttpTokens ?? null },
      })
    })
  })
  return out
}

/** True for an instance-profile ARN (`arn:aws:iam::<acct>:instance-profile/<name>`). */
export function isInstanceProfileArn(arn: string): boolean {
  return /^arn:aws[a-z-]*:iam::\d{12}:instance-profile\//.test(arn)
}

/**
 * Replace instance-profile ARNs in `runsAs` by the role they carry, using the
 * roles' `InstanceProfileList` from authorization details. An unknown profile
 * is dropped with a warning: the role it carries cannot be known.
 */
export function resolveRunsAs(resources: readonly AwsResource[], roles: readonly AwsRole[], issues: DataIssue[]): AwsResource[] {
  const roleByProfile = new Map<string, string[]>()
  for (const role of roles) {
    for (const profile of role.instanceProfiles) roleByProfile.set(profile.arn, [...(roleByProfile.get(profile.arn) ?? []), role.arn])
  }
  return resources.map((resource) => {
    if (!resource.runsAs.some(isInstanceProfileArn)) return resource
    const runsAs: string[] = []
    for (const arn of resource.runsAs) {
      if (!isInstanceProfileArn(arn)) runsAs.push(arn)
      else if (roleByProfile.has(arn)) runsAs.push(...roleByProfile.get(arn)!)
      else issues.push({ severity: 'warning', where: resource.arn, message: `instance profile \`${arn}\` is not in the authorization details: its role is unknown` })
    }
    return { ...resource, runsAs: [...new Set(runsAs)] }
  })
}
