/**
 * Builders for report tests: small inventories, graph nodes, a stub path
 * engine answering from fixed tables, and a ReportInput around them.
 */
import type { AwsUser, GraphNode, Inventory, NonEmpty, Evidence } from '../../src/model/index.js'
import { emptyInventory, makeNode } from '../../src/model/index.js'
import type { BlastRadiusResult, GraphPath, PathEngine, WhoCanResult } from '../../src/paths/index.js'
import type { ReportInput } from '../../src/reports/index.js'
import { DEFAULT_REPORT_SETTINGS } from '../../src/reports/index.js'

export const NOW = new Date('2026-11-27T12:00:00Z')

export function awsUser(name: string, overrides: Partial<AwsUser> = {}): AwsUser {
  return {
    arn: `arn:aws:iam::111111111111:user/${name}`,
    name,
    uniqueId: null,
    accountId: '111111111111',
    path: '/',
    createDate: '2024-01-01T00:00:00Z',
    inlinePolicies: [],
    attachedPolicies: [],
    tags: {},
    groups: [],
    permissionsBoundary: null,
    accessKeys: [],
    loginProfile: null,
    hasLoginProfile: false,
    mfaDevices: [],
    passwordLastUsed: null,
    ...overrides,
  }
}

export function userNode(user: AwsUser, extra: { isTierZero?: boolean; isExposed?: boolean; tags?: Record<string, string> } = {}): GraphNode {
  return makeNode({ id: user.arn, kind: 'AWSUser', name: user.name, account: user.accountId, properties: { accountId: user.accountId }, tags: extra.tags ?? user.tags, ...extra })
}

const evidence: NonEmpty<Evidence> = [{ type: 'identity-policy', policy: 'arn:aws:iam::111111111111:policy/p', statement: 0 }]

export function path(ids: string[]): GraphPath {
  return { cost: ids.length - 1, hops: ids.slice(1).map((to, i) => ({ from: ids[i]!, to, kind: 'CanEscalateTo' as const, technique: 'aws/test', evidence, conditions: [] })) }
}

/** A stub engine: whoCan answers from `inbound`, blastRadius from `radius`. */
export function stubEngine(tables: { inbound?: Record<string, { id: string; name: string; path: GraphPath }[]>; radius?: Record<string, Partial<BlastRadiusResult>> } = {}): PathEngine {
  const empty = { public: 0, internal: 0, confidential: 0, restricted: 0 }
  return {
    resolveSelector: async (s) => ({ selector: s, ids: [s] }) as never,
    shortestPaths: async () => ({ paths: [], truncated: false }),
    blastRadius: async (q) => ({ from: [q.from], principals: [], resources: [], scopes: [], tierZero: [], totals: { principals: 0, resources: 0, scopes: 0, tierZero: 0 }, byClassification: empty, byAccount: {}, score: 0, scoreExplanation: '', truncated: false, ...(tables.radius?.[q.from] ?? {}) }),
    whoCan: async (q): Promise<WhoCanResult> => {
      const entries = (tables.inbound?.[q.to] ?? []).map((e) => ({ id: e.id, kind: 'AWSUser' as const, name: e.name, accessLevels: [], cost: e.path.cost, path: e.path }))
      return { to: [q.to], entries, total: entries.length, truncated: false }
    },
    chokePoints: async () => ({ pathsConsidered: 0, chokePoints: [], truncated: false }),
    minCut: async () => ({}) as never,
    privesc: async () => ({ admins: [], findings: [], truncated: false }) as never,
    roleHolders: async (q) => ({ role: q.role, roles: [], scope: null, holders: [], total: 0, truncated: false }),
    close: async () => {},
  }
}

export function reportInput(parts: { inventory?: Partial<Inventory['aws']>; azure?: Partial<Inventory['azure']>; nodes?: GraphNode[]; engine?: PathEngine; settings?: Partial<typeof DEFAULT_REPORT_SETTINGS> } = {}): ReportInput {
  const base = emptyInventory()
  return {
    meta: { id: 'snap-20261127T120000000Z-abcd', createdAt: NOW.toISOString(), label: null, nodeCount: 0, edgeCount: 0, issueCount: 0, sources: [], kinds: {} },
    nodes: parts.nodes ?? [],
    edges: [],
    inventory: { ...base, aws: { ...base.aws, ...(parts.inventory ?? {}) }, azure: { ...base.azure, ...(parts.azure ?? {}) } },
    engine: parts.engine ?? stubEngine(),
    settings: { ...DEFAULT_REPORT_SETTINGS, ...(parts.settings ?? {}) },
    catalog: null,
    now: NOW,
  }
}
