import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../../../src/aws/policy')
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : []
  })

describe('src/aws/policy stays pure', () => {
  it.each(files(root).map((f) => [f.slice(root.length + 1), f]))('%s has no node:* import, clock, randomness or global writes', (_name, path) => {
    const text = readFileSync(path, 'utf8')
    expect(text).not.toMatch(/from ['"](node:|fs|path|os|child_process)/)
    expect(text).not.toMatch(/Date\.now|new Date\(|Math\.random|process\./)
    expect(text).not.toMatch(/globalThis/)
    expect(text.startsWith('/**\n * @module ')).toBe(true)
  })
})
