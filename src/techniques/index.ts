/**
 * @module techniques
 * Public surface: derive the graph from an inventory; the technique tables.
 */
export * from './technique.js'
export * from './derive.js'
export * from './registry.js'
