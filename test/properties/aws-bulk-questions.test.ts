/**
 * Invariants of the shortcuts that make bulk questions cheap, checked against
 * the plain evaluator over generated multi-account inventories (fast-check):
 * - the authorizer's per-(caller, action) memo never changes an answer: one
 *   authorizer asked a whole sequence equals a fresh authorizer per request;
 * - the who-can index's candidate list is a superset of every user and role
 *   the evaluator allows (it may only drop principals that cannot be allowed).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AwsRequest } from '../../src/aws/policy/index.js'
import { compileAuthorizer } from '../../src/aws/policy/index.js'
import { buildWhoCanIndex } from '../../src/techniques/aws/who-can-index.js'
import type { InventorySnippet } from '../aws/policy/inventory-builder.js'
import { buildInventory } from '../aws/policy/inventory-builder.js'

const A = '111111111111'
const B = '222222222222'
const USERS = [`arn:aws:iam::${A}:user/alice`, `arn:aws:iam::${A}:user/bob`, `arn:aws:iam::${B}:user/carol`]
const ROLES = [`arn:aws:iam::${A}:role/app`, `arn:aws:iam::${B}:role/ops`, `arn:aws:iam::${A}:role/ci`]
const PRINCIPALS = [...USERS, ...ROLES]
const BUCKETS = ['arn:aws:s3:::a-data', 'arn:aws:s3:::b-data']

const KEY = `arn:aws:kms:us-east-1:${A}:key/k1`
const ACTIONS = ['sts:AssumeRole', 'iam:UpdateAssumeRolePolicy', 'iam:PassRole', 's3:GetObject', 's3:PutBucketPolicy', 'lambda:InvokeFunction', 'kms:Decrypt']
const RESOURCES = [...ROLES, `${BUCKETS[0]}/k`, BUCKETS[1] as string, `arn:aws:lambda:us-east-1:${B}:function:f`, KEY, `arn:aws:iam::${A}:role/*`]

const identityStatement = fc.record({
  Effect: fc.constantFrom('Allow', 'Allow', 'Allow', 'Deny'),
  Action: fc.subarray(['*', 'sts:AssumeRole', 'iam:*', 'iam:UpdateAssumeRolePolicy', 's3:*', 's3:GetObject', 'lambda:Invoke*', 'kms:Decrypt'], { minLength: 1, maxLength: 2 }),
  // `*` often: action-only statements are what the memo keys on.
  Resource: fc.oneof(fc.constant(['*']), fc.subarray(['*', ...RESOURCES, `arn:aws:iam::${B}:role/*`, 'arn:aws:s3:::*/*'], { minLength: 1, maxLength: 2 })),
  Condition: fc.constantFrom(undefined, undefined, { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
}).map((s) => (s.Condition === undefined ? { Effect: s.Effect, Action: s.Action, Resource: s.Resource } : s))

/** Principal elements a trust or resource policy may use: ARNs, account roots, bare ids, a service, `*`. */
const principalElement = fc.constantFrom<unknown>(
  { AWS: USERS[0] },
  { AWS: USERS[2] },
  { AWS: ROLES[1] },
  { AWS: `arn:aws:iam::${A}:root` },
  { AWS: B },
  { Service: 'lambda.amazonaws.com' },
  '*',
)
const resourceStatement = (action: string) =>
  fc.record({ Effect: fc.constantFrom('Allow', 'Allow', 'Deny'), Principal: principalElement }).map((s) => ({ ...s, Action: action, Resource: '*' }))

const inventory = fc
  .record({
    identities: fc.array(fc.array(identityStatement, { maxLength: 3 }), { minLength: PRINCIPALS.length, maxLength: PRINCIPALS.length }),
    trusts: fc.array(fc.array(resourceStatement('sts:AssumeRole'), { minLength: 1, maxLength: 2 }), { minLength: ROLES.length, maxLength: ROLES.length }),
    bucketPolicies: fc.array(fc.option(fc.array(resourceStatement('s3:*'), { minLength: 1, maxLength: 2 }), { nil: undefined }), { minLength: 2, maxLength: 2 }),
    functionPolicy: fc.option(fc.array(resourceStatement('lambda:InvokeFunction'), { minLength: 1, maxLength: 2 }), { nil: undefined }),
    // A KMS key policy must allow (the evaluator's SERVICE_RULES); without one in the data nobody may.
    keyPolicy: fc.option(fc.array(resourceStatement('kms:*'), { minLength: 1, maxLength: 2 }), { nil: undefined }),
    scp: fc.option(fc.array(identityStatement, { minLength: 1, maxLength: 2 }), { nil: undefined }),
  })
  .map((g): InventorySnippet => ({
    accounts: [{ id: A, orgPath: ['r-root'] }, { id: B, orgPath: ['r-root'] }],
    users: USERS.map((arn, i) => ({ arn, inline: { p: { Statement: g.identities[i] ?? [] } } })),
    roles: ROLES.map((arn, i) => ({ arn, trust: { Statement: g.trusts[i] ?? [] }, inline: { p: { Statement: g.identities[USERS.length + i] ?? [] } } })),
    resources: [
      { arn: BUCKETS[0] as string, accountId: A, type: 's3:bucket', ...(g.bucketPolicies[0] ? { policy: { Statement: g.bucketPolicies[0] } } : {}) },
      { arn: BUCKETS[1] as string, accountId: B, type: 's3:bucket', ...(g.bucketPolicies[1] ? { policy: { Statement: g.bucketPolicies[1] } } : {}) },
      { arn: `arn:aws:lambda:us-east-1:${B}:function:f`, accountId: B, type: 'lambda:function', ...(g.functionPolicy ? { policy: { Statement: g.functionPolicy } } : {}) },
      { arn: KEY, accountId: A, type: 'kms:key', ...(g.keyPolicy ? { policy: { Statement: g.keyPolicy } } : {}) },
    ],
    ...(g.scp
      ? { organization: { id: 'o-1', managementAccountId: null, policies: [{ id: 'p-fullaccess', type: 'SCP' as const, document: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }, ...g.scp.filter((s) => s.Effect === 'Deny')] }, targets: [A, B] }] } }
      : {}),
  }))

const requests = fc.array(
  fc.record({ principal: fc.constantFrom(...PRINCIPALS), action: fc.constantFrom(...ACTIONS), resource: fc.constantFrom(...RESOURCES), mfa: fc.boolean() }),
  { minLength: 5, maxLength: 25 },
)

describe('bulk-question shortcuts keep the evaluator’s answers', () => {
  it('a long-lived authorizer (memoised per caller and action) answers like a fresh one', () => {
    fc.assert(
      fc.property(inventory, requests, (snippet, asked) => {
        const aws = buildInventory(snippet)
        const shared = compileAuthorizer(aws)
        for (const r of asked) {
          const request: AwsRequest = { principal: r.principal, action: r.action, resource: r.resource, ...(r.mfa ? { context: { 'aws:MultiFactorAuthPresent': 'true' } } : {}) }
          expect(shared.evaluate(request)).toEqual(compileAuthorizer(aws).evaluate(request))
        }
      }),
      { numRuns: 200 },
    )
  })

  it('who-can candidates include every principal the evaluator allows', () => {
    fc.assert(
      fc.property(inventory, (snippet) => {
        const aws = buildInventory(snippet)
        const authorizer = compileAuthorizer(aws)
        const index = buildWhoCanIndex(aws)
        for (const action of ACTIONS) {
          for (const resource of RESOURCES) {
            const candidates = index.candidates(action, resource)
            if (candidates === null) continue // the caller falls back to the evaluator's own whoCan
            const allowed = PRINCIPALS.filter((principal) => authorizer.evaluate({ principal, action, resource }).decision === 'allowed')
            expect(candidates, `${action} on ${resource}`).toEqual(expect.arrayContaining(allowed))
            expect([...candidates].sort()).toEqual(candidates)
          }
        }
      }),
      { numRuns: 200 },
    )
  })
})
