/**
 * @module test/graph/memory/crash-writer
 * Child process for the crash test: starts writing a many-chunk snapshot and
 * kills itself with SIGKILL (no cleanup, no rollback code runs) after the
 * third chunk, as a power cut or OOM kill would.
 */
import { openMemoryStore } from '../../../src/graph/index.js'
import { sampleSnapshot } from './sample.js'

const path = process.argv[2]
if (!path) throw new Error('usage: crash-writer <db>')
const store = openMemoryStore({
  path,
  chunkRows: 10,
  onChunkWritten: ({ ordinal, section }) => {
    if (section === 'nodes' && ordinal === 2) process.kill(process.pid, 'SIGKILL')
  },
})
await store.writeSnapshot(sampleSnapshot(200, 'doomed', new Date('2026-11-27T12:00:00.000Z')))
