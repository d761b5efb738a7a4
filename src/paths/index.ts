/**
 * @module paths
 * Public surface of the path engine: the PathEngine contract and its result
 * types, the memory implementation, selector parsing, bound checks and the
 * pure algorithms (for benchmarks and the Cypher engine's in-process steps),
 * including "who holds role X" over the descriptive holding edges.
 */
export type { PathEngine } from './engine.js'
export type * from './types.js'
export { DEFAULT_BOUNDS, NODE_SETS } from './types.js'
export { MemoryPathEngine, openMemoryEngine } from './memory-engine.js'
export { CYPHER_PRINCIPAL_KINDS, CypherPathEngine, openCypherEngine } from './cypher-engine.js'
export { parseSelector, isInSet, resolveSelectorIn } from './selectors.js'
export type { ParsedSelector, SelectorIndex } from './selectors.js'
export { checkBound, checkCommonBounds, checkEdgeKinds } from './bounds.js'
export { CLASSIFICATION_WEIGHTS, computeBlastRadius, explainScore } from './algorithms/blast-radius.js'
export { computeChokePoints } from './algorithms/choke-points.js'
export { ALL_LEVELS_MASK, makeEdgeAccept, toEdgeRef, toGraphPath, toHop } from './algorithms/common.js'
export { findKShortestPaths } from './algorithms/k-shortest.js'
export { INFINITE_CAPACITY, computeMinCut, edgeCapacity, policyChanges } from './algorithms/min-cut.js'
export { computePrivesc } from './algorithms/privesc.js'
export { checkRoleHoldersQuery, computeRoleHolders, matchRoleNodes } from './algorithms/role-holders.js'
export { comparePaths, compareStrings, findShortestPath, rankTies, runSearch } from './algorithms/shortest.js'
export type { EdgeAccept, RawPath, SearchResult, SearchSpec } from './algorithms/shortest.js'
export { computeWhoCan } from './algorithms/who-can.js'
