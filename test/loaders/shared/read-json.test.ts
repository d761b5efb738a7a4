import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { findJsonPrefixError, parseJsonLines, readInputFile, readJsonFile } from '../../../loaders/shared/index.js'

describe('findJsonPrefixError', () => {
  it.each([
    ['{"a": [1, 2.5e3, true, null, "x\\"y"], "b": {}}', null],
    ['{"UserDetailList": [{"Arn": "arn:aws:iam::1', null],
    ['[{"a": tr', null],
    ['{"a": -', null],
    ['  [ ]  ', null],
    ['{AAAA', 1],
    ['{"a" 1}', 5],
    ['[1 2]', 3],
    ['{"a": 1}}', 8],
    ['[nope]', 1],
    ['{"a": "line\nbreak"}', 11],
    ['{"a": 1, }', 9],
  ])('%j → %s', (text, expected) => {
    expect(findJsonPrefixError(text)).toBe(expected)
  })
})

describe('readJsonFile fails fast on garbage behind a valid first byte', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cp-shared-read-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('`{` followed by 50 MB of garbage is refused from its first bytes', async () => {
    const file = join(dir, 'g.json')
    const buffer = Buffer.alloc(50 * 1024 * 1024, 0x41)
    buffer[0] = 0x7b
    await writeFile(file, buffer)
    await expect(readJsonFile(file)).rejects.toMatchObject({ code: 'CP_ERR_INPUT_JSON', message: `\`${file}\` is not valid JSON: unexpected character \`A\` at offset 1` })
  })

  it('a valid file yields its value and hash', async () => {
    const file = join(dir, 'ok.json')
    await writeFile(file, '{"Policies": []}')
    const input = await readJsonFile(file)
    expect(input.value).toEqual({ Policies: [] })
    // sha256 of the exact bytes, computed independently: `printf '{"Policies": []}' | sha256sum`.
    expect(input.sha256).toBe('1770b05a6fb17584ba456319e467e464bba1f9f89c261822fadf974e354d86e7')
  })

  it('`opening` narrows the accepted first character (a gitleaks report must be an array)', async () => {
    const file = join(dir, 'obj.json')
    await writeFile(file, '{"findings": []}')
    await expect(readInputFile(file, 'json', { opening: ['['] })).rejects.toMatchObject({
      code: 'CP_ERR_INPUT_JSON',
      message: `\`${file}\` is not valid JSON: unexpected character \`{\` at offset 0: expected \`[\``,
    })
  })

  it('the size limit is checked before reading', async () => {
    const file = join(dir, 'big.json')
    await writeFile(file, `[${'1,'.repeat(1024)}1]`)
    await expect(readJsonFile(file, { maxBytes: 1024 })).rejects.toMatchObject({ code: 'CP_ERR_INPUT_TOO_LARGE', message: `\`${file}\` is larger than the 1 KB limit` })
  })
})

describe('parseJsonLines', () => {
  it('keeps 1-based line numbers across blank lines and names a bad line', () => {
    expect(parseJsonLines('f.jsonl', '{"a":1}\n\n{"a":2}\r\n')).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 3, value: { a: 2 } },
    ])
    expect(() => parseJsonLines('f.jsonl', '{"a":1}\n\n{"a":')).toThrow(expect.objectContaining({ code: 'CP_ERR_INPUT_JSON', message: expect.stringContaining('line 3:') }))
  })
})
