/**
 * Questions several detectors share within one derivation: the lambda hijack
 * rows ask `lambda:UpdateFunctionCode` once per principal and function, and
 * the context splits a resource type by account once. The golden cases run a
 * technique alone; these run the family together on one context.
 */
import { describe, expect, it } from 'vitest'
import { compileAuthorizer } from '../../../src/aws/policy/index.js'
import type { EdgeInput } from '../../../src/model/index.js'
import { buildAwsTechniqueContext } from '../../../src/techniques/index.js'
import type { AwsTechniqueContext } from '../../../src/techniques/aws/context.js'
import { RESOURCE_HIJACK_TECHNIQUES } from '../../../src/techniques/aws/resource-hijack.js'
import { buildAwsInventory, ref } from '../../helpers/aws-builders.js'

const fn = (name: string, account = '111111111111') => `arn:aws:lambda:us-east-1:${account}:function:${name}`
const LAMBDA_ROWS = RESOURCE_HIJACK_TECHNIQUES.filter((t) => t.id.startsWith('aws/resource-hijack/lambda-'))

function lambdaWorld() {
  const aws = buildAwsInventory({
    users: [
      { name: 'full', inline: { p: [{ Effect: 'Allow', Action: ['lambda:UpdateFunctionCode', 'lambda:InvokeFunction', 'lambda:AddPermission'], Resource: fn('pay') }] } },
      { name: 'code-only', inline: { p: [{ Effect: 'Allow', Action: 'lambda:UpdateFunctionCode', Resource: fn('report') }] } },
      { name: 'invoke-only', inline: { p: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: '*' }] } },
    ],
    roles: [{ name: 'app', trustServices: ['lambda.amazonaws.com'] }],
    resources: [
      { arn: fn('pay'), type: 'lambda:function', properties: {}, runsAs: ['role/app'] },
      { arn: fn('report'), type: 'lambda:function', properties: {}, runsAs: ['role/app'] },
    ],
  })
  return buildAwsTechniqueContext(aws, compileAuthorizer(aws))
}

/** The context with `allowed` counting its questions by principal, action and resource. */
function counting(ctx: AwsTechniqueContext): { ctx: AwsTechniqueContext; asked: Map<string, number> } {
  const asked = new Map<string, number>()
  return {
    asked,
    ctx: {
      ...ctx,
      allowed(principal, action, resource, context, mode) {
        const key = `${principal} ${action} ${resource}`
        asked.set(key, (asked.get(key) ?? 0) + 1)
        return ctx.allowed(principal, action, resource, context, mode)
      },
    },
  }
}

describe('the lambda hijack rows on one context', () => {
  it('ask lambda:UpdateFunctionCode once per principal and function, and give the same edges', () => {
    const { ctx, asked } = counting(lambdaWorld())
    const edges: EdgeInput[] = LAMBDA_ROWS.flatMap((t) => [...t.detect(ctx)])
    const updateQuestions = [...asked].filter(([key]) => key.includes(' lambda:UpdateFunctionCode arn:aws:lambda:'))
    expect(updateQuestions.length).toBeGreaterThan(0)
    expect(updateQuestions.filter(([, n]) => n > 1)).toEqual([])
    expect(edges.map((e) => `${e.technique} ${e.from} → ${e.to}`).sort()).toEqual(
      [
        `aws/resource-hijack/lambda-update-code ${ref('user/code-only')} → ${fn('report')}`,
        `aws/resource-hijack/lambda-update-code ${ref('user/full')} → ${fn('pay')}`,
        `aws/resource-hijack/lambda-update-code-add-permission ${ref('user/full')} → ${fn('pay')}`,
        `aws/resource-hijack/lambda-update-code-invoke ${ref('user/full')} → ${fn('pay')}`,
      ].sort(),
    )
  })

  it('give each edge the evidence of its own principal and function (negative: no shared answer leaks)', () => {
    const edges = LAMBDA_ROWS.flatMap((t) => [...t.detect(lambdaWorld())])
    for (const edge of edges) {
      const update = edge.evidence.filter((e) => e.action === 'lambda:UpdateFunctionCode')
      expect(update).toEqual([expect.objectContaining({ policy: `${edge.from}#inline/p`, resource: edge.to })])
    }
    expect(edges.some((e) => e.from === ref('user/invoke-only'))).toBe(false)
  })
})

describe('resourcesOfTypeIn', () => {
  it('lists a type per account in inventory order, and nothing for another account or type', () => {
    const aws = buildAwsInventory({
      resources: [
        { arn: fn('a1'), type: 'lambda:function', properties: {}, runsAs: [] },
        { arn: fn('b1', '222222222222'), type: 'lambda:function', properties: {}, runsAs: [] },
        { arn: fn('a2'), type: 'lambda:function', properties: {}, runsAs: [] },
        { arn: 'arn:aws:s3:::bucket-a', type: 's3:bucket', properties: {}, runsAs: [] },
      ],
    })
    const ctx = buildAwsTechniqueContext(aws, compileAuthorizer(aws))
    expect(ctx.resourcesOfTypeIn('lambda:function', '111111111111').map((r) => r.arn)).toEqual([fn('a1'), fn('a2')])
    expect(ctx.resourcesOfTypeIn('lambda:function', '222222222222').map((r) => r.arn)).toEqual([fn('b1', '222222222222')])
    expect(ctx.resourcesOfTypeIn('lambda:function', '333333333333')).toEqual([])
    expect(ctx.resourcesOfTypeIn('sqs:queue', '111111111111')).toEqual([])
  })
})
