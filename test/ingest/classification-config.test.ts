import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadClassificationConfig, parseClassificationConfig } from '../../src/ingest/index.js'
import { CrownpathError, DEFAULT_CLASSIFICATION_TAG_KEYS, compileClassifier, pointerToJsonPath as pointerToPath } from '../../src/model/index.js'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'crownpath-class-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function errorOf(fn: () => unknown): CrownpathError {
  try {
    fn()
  } catch (e) {
    if (e instanceof CrownpathError) return e
    throw e
  }
  throw new Error('expected an error')
}

describe('classification config file', () => {
  it('reads tag keys and rules, and the rules classify resources', async () => {
    const file = join(dir, 'c.json')
    writeFileSync(file, JSON.stringify({ tagKeys: ['Sensitivity'], rules: [{ match: 'arn:aws:s3:::model-*', classification: 'restricted' }] }))
    const config = await loadClassificationConfig(file)
    expect(config.tagKeys).toEqual(['Sensitivity'])
    const classify = compileClassifier(config)
    expect(classify('arn:aws:s3:::model-artifacts', {})).toBe('restricted')
    expect(classify('arn:aws:s3:::logs', { sensitivity: 'Confidential' })).toBe('confidential')
    expect(classify('arn:aws:s3:::logs', { DataClassification: 'public' })).toBe('internal') // not a configured key
  })

  it('defaults missing keys', () => {
    expect(parseClassificationConfig({}, 'f.json')).toEqual({ tagKeys: DEFAULT_CLASSIFICATION_TAG_KEYS, rules: [] })
  })

  it('names the file, the path and what was expected', () => {
    const bad = errorOf(() => parseClassificationConfig({ rules: [{ match: 'x', classification: 'top-secret' }] }, 'c.json'))
    expect(bad.code).toBe('CP_ERR_CONFIG_INVALID')
    expect(bad.message).toBe('configuration `c.json` at `$.rules[0].classification`: expected one of `public`, `internal`, `confidential`, `restricted`, got `top-secret`')
    const typo = errorOf(() => parseClassificationConfig({ tagkeys: ['x'] }, 'c.json'))
    expect(typo.message).toContain('at `$`')
    expect(typo.message).toContain('`tagkeys`')
    const type = errorOf(() => parseClassificationConfig({ tagKeys: [1] }, 'c.json'))
    expect(type.message).toBe('configuration `c.json` at `$.tagKeys[0]`: expected a string, got number `1`')
  })

  it('reports unreadable and non-JSON files with their own codes', async () => {
    await expect(loadClassificationConfig(join(dir, 'missing.json'))).rejects.toMatchObject({ code: 'CP_ERR_INPUT_READ' })
    const file = join(dir, 'broken.json')
    writeFileSync(file, '{ nope')
    await expect(loadClassificationConfig(file)).rejects.toMatchObject({ code: 'CP_ERR_INPUT_JSON' })
  })

  it('turns JSON pointers into readable paths', () => {
    expect(pointerToPath('')).toBe('$')
    expect(pointerToPath('/rules/0/match')).toBe('$.rules[0].match')
    expect(pointerToPath('/a~1b')).toBe('$["a/b"]')
  })
})
