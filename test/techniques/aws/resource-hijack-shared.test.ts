/**
 * The Lambda hijack rows share their first action (lambda:UpdateFunctionCode):
 * run together, they must still each find their edges, while the evaluator is
 * asked that shared question once per principal and function, not once per row.
 */
import { describe, expect, it } from 'vitest'
import type { AwsRequest } from '../../../src/aws/policy/index.js'
import { compileAuthorizer } from '../../../src/aws/policy/index.js'
import { compileClassifier, emptyInventory } from '../../../src/model/index.js'
import { AWS_TECHNIQUES, deriveAws } from '../../../src/techniques/aws/index.js'
import { buildAwsInventory, ref } from '../../helpers/aws-builders.js'

const LAMBDA_ROWS = ['lambda-update-code-invoke', 'lambda-update-code-add-permission', 'lambda-update-code'].map((name) => `aws/resource-hijack/${name}`)
const fn = (name: string) => `arn:aws:lambda:us-east-1:111111111111:function:${name}`

function derive(actions: readonly string[], denyUpdateOn: readonly string[] = []) {
  const deny = denyUpdateOn.length === 0 ? [] : [{ Effect: 'Deny', Action: 'lambda:UpdateFunctionCode', Resource: denyUpdateOn }]
  const aws = buildAwsInventory({
    users: [{ name: 'dev', inline: { p: [{ Effect: 'Allow', Action: actions, Resource: [fn('payments'), fn('billing')] }, ...deny] } }],
    roles: [{ name: 'app-role', trustServices: ['lambda.amazonaws.com'] }],
    resources: [
      { arn: fn('payments'), type: 'lambda:function', properties: {}, runsAs: ['role/app-role'] },
      { arn: fn('billing'), type: 'lambda:function', properties: {}, runsAs: ['role/app-role'] },
    ],
  })
  const asked: AwsRequest[] = []
  const compile = (inventory: typeof aws) => {
    const authorizer = compileAuthorizer(inventory)
    return { ...authorizer, evaluate: (request: AwsRequest) => (asked.push(request), authorizer.evaluate(request)) }
  }
  const techniques = AWS_TECHNIQUES.filter((t) => LAMBDA_ROWS.includes(t.id))
  const derived = deriveAws({ ...emptyInventory(), aws }, { classifier: compileClassifier(), now: new Date('2026-11-27T00:00:00Z') }, { compile, techniques }, AWS_TECHNIQUES)
  const updateCodeQuestions = asked.filter((r) => r.action === 'lambda:UpdateFunctionCode' && r.principal === ref('user/dev') && r.resource.includes(':function:'))
  return { edges: derived.edges.filter((e) => e.technique !== null && LAMBDA_ROWS.includes(e.technique)), updateCodeQuestions }
}

describe('Lambda hijack rows share the UpdateFunctionCode answer', () => {
  it('each row that applies still gets its edge to each function, with its own evidence', () => {
    const { edges } = derive(['lambda:UpdateFunctionCode', 'lambda:InvokeFunction'])
    const got = edges.map((e) => `${e.technique} → ${e.to}`).sort()
    expect(got).toEqual(
      [
        `aws/resource-hijack/lambda-update-code → ${fn('billing')}`,
        `aws/resource-hijack/lambda-update-code → ${fn('payments')}`,
        `aws/resource-hijack/lambda-update-code-invoke → ${fn('billing')}`,
        `aws/resource-hijack/lambda-update-code-invoke → ${fn('payments')}`,
      ].sort(),
    )
    const invoke = edges.find((e) => e.technique === LAMBDA_ROWS[0] && e.to === fn('payments'))
    expect(invoke?.evidence.map((e) => e.action)).toEqual(['lambda:UpdateFunctionCode', 'lambda:InvokeFunction'])
    const alone = edges.find((e) => e.technique === LAMBDA_ROWS[2] && e.to === fn('payments'))
    expect(alone?.evidence.map((e) => e.action)).toEqual(['lambda:UpdateFunctionCode'])
  })

  it('asks the evaluator about UpdateFunctionCode once per function, though three rows need the answer', () => {
    const { updateCodeQuestions } = derive(['lambda:UpdateFunctionCode', 'lambda:InvokeFunction', 'lambda:AddPermission'])
    const perFunction = updateCodeQuestions.filter((r) => r.resource === fn('payments') || r.resource === fn('billing'))
    expect(perFunction.map((r) => r.resource).sort()).toEqual([fn('billing'), fn('payments')])
  })

  it('a remembered refusal stays a refusal for every row (negative)', () => {
    const { edges, updateCodeQuestions } = derive(['lambda:UpdateFunctionCode', 'lambda:InvokeFunction', 'lambda:AddPermission'], [fn('billing')])
    expect(edges.filter((e) => e.to === fn('billing'))).toEqual([])
    expect(edges.filter((e) => e.to === fn('payments')).map((e) => e.technique).sort()).toEqual([...LAMBDA_ROWS].sort())
    expect(updateCodeQuestions.filter((r) => r.resource === fn('billing'))).toHaveLength(1)
  })
})
