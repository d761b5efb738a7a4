/**
 * @module test/graph/neo4j/codec.test
 * Neo4j store pieces that need no server: node/edge property maps round-trip
 * exactly, kinds are checked before they become labels or types, settings
 * come from the environment, driver failures map to the right codes.
 */
import { describe, expect, it } from 'vitest'
import { decodeEdge, decodeNode, encodeEdge, encodeNode, isUnavailableError, resolveNeo4jSettings, toStoreError } from '../../../src/graph/neo4j/index.js'
import { isCrownpathError, makeEdge, makeNode } from '../../../src/model/index.js'
import type { GraphEdge, GraphNode } from '../../../src/model/index.js'

/** What Neo4j gives back for a property map: no null-valued keys. */
function stored(props: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(props)) as Record<string, unknown>
}

describe('neo4j codec', () => {
  it('round-trips a resource node with tags, classification and kind properties', () => {
    const node = makeNode({
      id: 'arn:aws:s3:::crown',
      kind: 'AWSResource',
      name: 'crown',
      tags: { Owner: 'data', Env: 'prod' },
      classification: 'restricted',
      account: '111111111111',
      properties: { accountId: '111111111111', resourceType: 's3:bucket', regions: ['eu-west-1'], size: null },
    })
    const row = encodeNode(node, 7)
    expect(row.kind).toBe('AWSResource')
    expect(row.props.ord).toBe(7)
    // Tag keys compare case-insensitively in the `tag:` selector.
    expect(row.props.tagIndex).toEqual(['owner=data', 'env=prod'])
    expect(decodeNode(stored({ id: node.id, snapshot: 's', ...row.props }))).toEqual(node)
  })

  it('round-trips a principal node without account or classification (absent, not null, in Neo4j)', () => {
    const node = makeNode({ id: 'azure:abc', kind: 'AZUser', name: 'ada', properties: { tenantId: 't' } })
    const row = encodeNode(node, 0)
    expect('account' in row.props).toBe(false)
    expect('classification' in row.props).toBe(false)
    expect(decodeNode(stored({ id: node.id, ...row.props }))).toEqual(node)
  })

  it('round-trips a conditional edge with evidence, conditions and access levels', () => {
    const edge = makeEdge({
      from: 'a',
      to: 'b',
      kind: 'CanAccess',
      evidence: [{ type: 'identity-policy', policy: 'p', statement: 2, sid: 'S', action: 's3:GetObject', resource: '*' }],
      conditions: [{ operator: 'Bool', key: 'aws:MultiFactorAuthPresent', values: ['true'], policy: 'p', statement: 2 }],
      accessLevels: ['Read', 'List'],
    })
    const row = encodeEdge(edge, 3)
    expect(row.kind).toBe('CanAccess')
    expect('technique' in row.props).toBe(false)
    expect(decodeEdge(row.from, row.to, row.kind, stored(row.props))).toEqual(edge)
  })

  it('refuses a kind outside the kinds table before it can become a label or relationship type', () => {
    const node = { ...makeNode({ id: 'x', kind: 'AWSService', name: 'x' }), kind: 'Evil`) DETACH DELETE n //' } as unknown as GraphNode
    expect(() => encodeNode(node, 0)).toThrow(/unknown kind/)
    const edge = { ...makeEdge({ from: 'a', to: 'b', kind: 'MemberOf', evidence: [{ type: 'membership', policy: 'g' }] }), kind: 'X' } as unknown as GraphEdge
    let caught: unknown
    try {
      encodeEdge(edge, 0)
    } catch (error) {
      caught = error
    }
    expect(isCrownpathError(caught, 'CP_ERR_MODEL_INVALID_EDGE')).toBe(true)
  })
})

describe('neo4j settings and errors', () => {
  it('reads NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD and NEO4J_DATABASE; explicit options win', () => {
    const env = { NEO4J_URI: 'bolt://127.0.0.1:7687', NEO4J_USERNAME: 'reader', NEO4J_PASSWORD: 'pw', NEO4J_DATABASE: 'graph' }
    expect(resolveNeo4jSettings({ kind: 'neo4j' }, env)).toEqual({ uri: 'bolt://127.0.0.1:7687', username: 'reader', password: 'pw', database: 'graph' })
    expect(resolveNeo4jSettings({ kind: 'neo4j', uri: 'bolt://127.0.0.1:7688', database: 'other' }, env)).toMatchObject({ uri: 'bolt://127.0.0.1:7688', database: 'other' })
    // A password without a user name means the built-in `neo4j` user; no password means no auth.
    expect(resolveNeo4jSettings({ kind: 'neo4j' }, { NEO4J_URI: 'bolt://x', NEO4J_PASSWORD: 'pw' }).username).toBe('neo4j')
    expect(resolveNeo4jSettings({ kind: 'neo4j' }, { NEO4J_URI: 'bolt://x' })).toEqual({ uri: 'bolt://x', username: null, password: null, database: null })
  })

  it('asks for NEO4J_URI when none is given', () => {
    let caught: unknown
    try {
      resolveNeo4jSettings({ kind: 'neo4j' }, {})
    } catch (error) {
      caught = error
    }
    expect(isCrownpathError(caught, 'CP_ERR_USAGE')).toBe(true)
    expect((caught as Error).message).toContain('NEO4J_URI')
  })

  it('maps unreachable and restarting servers to CP_ERR_STORE_UNAVAILABLE (503), other failures not', () => {
    for (const code of ['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable', 'ECONNREFUSED']) {
      const error = Object.assign(new Error(`down (${code})`), { code })
      expect(isUnavailableError(error), code).toBe(true)
      const mapped = toStoreError(error, 'bolt://127.0.0.1:7687', 'CP_ERR_INTERNAL')
      expect(mapped.code).toBe('CP_ERR_STORE_UNAVAILABLE')
      expect(mapped.status).toBe(503)
      expect(mapped.message).toContain('bolt://127.0.0.1:7687')
    }
    const syntax = Object.assign(new Error('bad'), { code: 'Neo.ClientError.Statement.SyntaxError' })
    expect(isUnavailableError(syntax)).toBe(false)
    expect(toStoreError(syntax, 'bolt://x', 'CP_ERR_SNAPSHOT_WRITE').code).toBe('CP_ERR_SNAPSHOT_WRITE')
  })
})
