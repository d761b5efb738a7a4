/**
 * @module test/conformance/memory.test
 * Runs the PathEngine conformance suite on the memory (graphology) engine.
 */
import { openMemoryEngine } from '../../src/paths/index.js'
import { pathEngineSuite } from './path-engine.suite.js'

pathEngineSuite({ name: 'memory', open: async (content) => openMemoryEngine(content) })
