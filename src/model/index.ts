/**
 * @module model
 * The leaf layer: kinds, graph element shapes, inventory types, evidence,
 * ids, classification, coded errors, schema validation of parsed input
 * (TypeBox). Imports nothing else from crownpath.
 */
export * from './kinds.js'
export * from './evidence.js'
export * from './errors.js'
export * from './graph.js'
export * from './ids.js'
export * from './inventory.js'
export * from './inventory-aws.js'
export * from './inventory-azure.js'
export * from './classification.js'
export * from './secrets.js'
export * from './progress.js'
export * from './validate.js'
