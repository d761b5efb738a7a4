import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CrownpathError, ERRORS, EXIT, formatErrorMessage } from '../../src/model/index.js'
import type { ErrorCode } from '../../src/model/index.js'

const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8')

/** `- \`CP_ERR_X\` — meaning` lines of docs/errors.md. */
const documented = [...doc.matchAll(/^- `(CP_ERR_[A-Z0-9_]+)` — (.*)$/gm)].map((m) => ({ code: m[1] as string, meaning: (m[2] as string).trim() }))
const codes = Object.keys(ERRORS) as ErrorCode[]

describe('docs/errors.md ↔ ERRORS', () => {
  it('documents every code, once', () => {
    const names = documented.map((d) => d.code)
    expect(new Set(names).size, 'no code documented twice').toBe(names.length)
    expect(codes.filter((c) => !names.includes(c)), 'codes missing from docs/errors.md').toEqual([])
  })

  it('documents no code that does not exist', () => {
    expect(documented.map((d) => d.code).filter((c) => !(c in ERRORS)), 'documented codes missing from ERRORS').toEqual([])
  })

  it('gives every documented code a meaning', () => {
    for (const { code, meaning } of documented) expect(meaning.length, code).toBeGreaterThan(5)
  })
})

describe('error table style', () => {
  it.each(codes)('%s follows the message rules', (code) => {
    const spec = ERRORS[code]
    expect(code).toMatch(/^CP_ERR_[A-Z0-9]+(_[A-Z0-9]+)*$/)
    expect(spec.message, 'lowercase start').not.toMatch(/^[A-Z]/)
    expect(spec.message, 'no trailing period').not.toMatch(/\.$/)
    expect(spec.message, 'one line').not.toMatch(/[\r\n]/)
    expect(spec.message.trim(), 'no surrounding spaces').toBe(spec.message)
    expect(spec.status).toBeGreaterThanOrEqual(400)
    expect(spec.status).toBeLessThan(600)
    expect(Object.values(EXIT)).toContain(spec.exitCode)
  })

  it('fills every placeholder from the params', () => {
    for (const code of codes) {
      const names = [...ERRORS[code].message.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string)
      const params = Object.fromEntries(names.map((n) => [n, `<${n}>`]))
      expect(formatErrorMessage(code, params), code).not.toMatch(/\{\w+\}/)
    }
  })

  it('builds CrownpathError with the code, status and exit code of the table', () => {
    const error = new CrownpathError('CP_ERR_SNAPSHOT_NOT_FOUND', { ref: 'snap-x' })
    expect(error.message).toBe('no snapshot `snap-x`')
    expect(error.status).toBe(404)
    expect(error.exitCode).toBe(EXIT.notFound)
    expect(formatErrorMessage('CP_ERR_SNAPSHOT_NOT_FOUND', {})).toBe('no snapshot `{ref}`')
  })
})
