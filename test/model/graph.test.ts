import { describe, expect, it } from 'vitest'
import type { Evidence, NonEmpty } from '../../src/model/index.js'
import { CONDITIONAL_COST_PENALTY, EDGE_KINDS, hasComputedId, isCrownpathError, makeEdge, makeNode } from '../../src/model/index.js'

const EVIDENCE: NonEmpty<Evidence> = [{ type: 'trust-policy', policy: 'arn:aws:iam::111111111111:role/b#trust', statement: 0 }]

describe('makeEdge', () => {
  it('refuses an edge without evidence (untyped callers)', () => {
    let error: unknown
    try {
      makeEdge({ from: 'a', to: 'b', kind: 'CanAssume', evidence: [] as unknown as NonEmpty<Evidence> })
    } catch (e) {
      error = e
    }
    expect(isCrownpathError(error, 'CP_ERR_MODEL_INVALID_EDGE')).toBe(true)
  })

  it('uses the kind default cost and a stable id', () => {
    const edge = makeEdge({ from: 'a', to: 'b', kind: 'CanEscalateTo', technique: 'aws/iam-put-role-policy', evidence: EVIDENCE })
    expect(edge.cost).toBe(EDGE_KINDS.CanEscalateTo.defaultCost)
    expect(edge.id).toBe('a|CanEscalateTo|aws/iam-put-role-policy|b')
    expect(edge.conditional).toBe(false)
    expect(makeEdge({ from: 'a', to: 'b', kind: 'MemberOf', evidence: EVIDENCE }).id).toBe('a|MemberOf|-|b')
  })

  it('shows its id like any field (keys, spread, JSON) without storing it', () => {
    const edge = makeEdge({ from: 'a', to: 'b', kind: 'CanAssume', technique: 'aws/sts-assume-role', evidence: EVIDENCE })
    expect(Object.keys(edge)).toContain('id')
    expect({ ...edge }.id).toBe('a|CanAssume|aws/sts-assume-role|b')
    expect((JSON.parse(JSON.stringify(edge)) as { id: string }).id).toBe('a|CanAssume|aws/sts-assume-role|b')
    expect(Object.getOwnPropertyDescriptor(edge, 'id')).not.toHaveProperty('value')
    expect(hasComputedId(edge)).toBe(true)
  })

  it('tells a computed id from a stored one, even an equal one', () => {
    const edge = makeEdge({ from: 'a', to: 'b', kind: 'MemberOf', evidence: EVIDENCE })
    expect(hasComputedId({ ...edge })).toBe(false)
    expect(hasComputedId({ ...edge, id: 'other' })).toBe(false)
  })

  it('marks an edge with unresolved conditions conditional and adds the penalty', () => {
    const conditions = [{ operator: 'Bool', key: 'aws:MultiFactorAuthPresent', values: ['true'], policy: 'p', statement: 0 }]
    const edge = makeEdge({ from: 'a', to: 'b', kind: 'CanAssume', evidence: EVIDENCE, conditions, cost: 2 })
    expect(edge.conditional).toBe(true)
    expect(edge.conditions).toEqual(conditions)
    expect(edge.cost).toBe(2 + CONDITIONAL_COST_PENALTY)
  })

  it('keeps the conditions of an edge declared unconditional (one of its grants needs none) without the penalty', () => {
    const conditions = [{ operator: 'Bool', key: 'aws:MultiFactorAuthPresent', values: ['true'], policy: 'p', statement: 0 }]
    const edge = makeEdge({ from: 'a', to: 'b', kind: 'CanAssume', evidence: EVIDENCE, conditions, conditional: false, cost: 2 })
    expect(edge.conditional).toBe(false)
    expect(edge.conditions).toEqual(conditions)
    expect(edge.cost).toBe(2)
  })
})

describe('makeNode', () => {
  it('refuses a node missing a required property', () => {
    expect(() => makeNode({ id: 'arn:aws:iam::1:role/x', kind: 'AWSRole', name: 'x' })).toThrow(/missing property `accountId`/)
  })

  it('gives resources the internal classification by default and non-resources none', () => {
    const bucket = makeNode({ id: 'arn:aws:s3:::b', kind: 'AWSResource', name: 'b', properties: { accountId: '1', resourceType: 's3:bucket' } })
    expect(bucket.classification).toBe('internal')
    const role = makeNode({ id: 'r', kind: 'AWSRole', name: 'r', classification: 'restricted', properties: { accountId: '1' } })
    expect(role.classification).toBeNull()
  })

  it('makes scope kinds tier zero by construction', () => {
    expect(makeNode({ id: 'arn:aws:iam::1:root', kind: 'AWSAccount', name: '1', properties: { accountId: '1' } }).isTierZero).toBe(true)
    expect(makeNode({ id: 'r', kind: 'AWSRole', name: 'r', properties: { accountId: '1' } }).isTierZero).toBe(false)
  })
})
