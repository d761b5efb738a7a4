import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { EDGE_KINDS, NODE_KINDS } from '../../src/model/index.js'

const doc = readFileSync(new URL('../../docs/graph.md', import.meta.url), 'utf8')

/** The table rows (first cell, second cell) under a `## heading`, up to the next heading. */
function tableRows(heading: string): { name: string; second: string }[] {
  const start = doc.indexOf(`\n## ${heading}\n`)
  expect(start, `docs/graph.md has a "## ${heading}" section`).toBeGreaterThanOrEqual(0)
  const rest = doc.slice(start + heading.length + 5)
  const section = rest.slice(0, rest.search(/\n## /) === -1 ? undefined : rest.search(/\n## /))
  const rows: { name: string; second: string }[] = []
  for (const line of section.split('\n')) {
    const match = /^\|\s*`([A-Za-z]+)`\s*\|\s*([^|]*?)\s*\|/.exec(line)
    if (match) rows.push({ name: match[1] as string, second: match[2] as string })
  }
  return rows
}

describe('docs/graph.md ↔ src/model/kinds.ts', () => {
  it('lists exactly the node kinds of the table, once each, with their provider', () => {
    const rows = tableRows('Node kinds')
    const names = rows.map((r) => r.name)
    expect(new Set(names).size, 'no kind listed twice').toBe(names.length)
    expect([...names].sort()).toEqual(Object.keys(NODE_KINDS).sort())
    for (const row of rows) expect(row.second, row.name).toBe(NODE_KINDS[row.name as keyof typeof NODE_KINDS].provider)
  })

  it('lists exactly the edge kinds of the table, once each', () => {
    const names = tableRows('Edge kinds').map((r) => r.name)
    expect(new Set(names).size, 'no kind listed twice').toBe(names.length)
    expect([...names].sort()).toEqual(Object.keys(EDGE_KINDS).sort())
  })

  it('gives every kind a description in the table', () => {
    for (const [name, spec] of [...Object.entries(NODE_KINDS), ...Object.entries(EDGE_KINDS)]) {
      expect(spec.description.length, name).toBeGreaterThan(10)
    }
  })
})
