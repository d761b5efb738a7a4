import { describe, expect, it } from 'vitest'
import Type from 'typebox'
import { assertShape, checkShape, findSchemaProblem, joinJsonPath, pointerToJsonPath } from '../../src/model/index.js'

const Doc = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    arn: Type.Optional(Type.String({ pattern: '^arn:', description: 'an ARN (`arn:...`)' })),
    enabled: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
    level: Type.Optional(Type.Enum(['public', 'restricted'])),
    items: Type.Optional(Type.Array(Type.Object({ id: Type.String({ description: 'an item id' }) }))),
  },
  { additionalProperties: false },
)

describe('JSON paths', () => {
  it('joins steps, quoting names that are not identifiers', () => {
    expect(joinJsonPath('$', 'RoleDetailList')).toBe('$.RoleDetailList')
    expect(joinJsonPath('$.a', 3)).toBe('$.a[3]')
    expect(joinJsonPath('$', '@odata.type')).toBe('$["@odata.type"]')
  })

  it('turns JSON pointers into paths under a base', () => {
    expect(pointerToJsonPath('')).toBe('$')
    expect(pointerToJsonPath('/rules/0/match')).toBe('$.rules[0].match')
    expect(pointerToJsonPath('/a~1b/c~0d')).toBe('$["a/b"]["c~d"]')
    expect(pointerToJsonPath('/data/12', 'line 4: $')).toBe('line 4: $.data[12]')
  })
})

describe('findSchemaProblem', () => {
  it('is null for a valid value', () => {
    expect(findSchemaProblem(Doc, { name: 'x', enabled: null, items: [{ id: 'a' }] })).toBeNull()
  })

  it('names a missing field at its own path, with its description', () => {
    expect(findSchemaProblem(Doc, { name: 'x', items: [{}] })).toEqual({ path: '$.items[0].id', expected: 'an item id (required, missing)' })
    expect(findSchemaProblem(Doc, {})).toEqual({ path: '$.name', expected: 'a `name` field (required, missing)' })
  })

  it('lists every branch of a nullable field and says what was found', () => {
    expect(findSchemaProblem(Doc, { name: 'x', enabled: 'yes' })).toEqual({ path: '$.enabled', expected: 'true or false or null, got `yes`' })
  })

  it('prefers the schema description', () => {
    expect(findSchemaProblem(Doc, { name: 'x', arn: 'nope' })).toEqual({ path: '$.arn', expected: 'an ARN (`arn:...`), got `nope`' })
  })

  it('lists enum values and names unknown properties', () => {
    expect(findSchemaProblem(Doc, { name: 'x', level: 'secret' })).toEqual({ path: '$.level', expected: 'one of `public`, `restricted`, got `secret`' })
    expect(findSchemaProblem(Doc, { name: 'x', nmae: 'y' })).toEqual({ path: '$', expected: 'no properties other than the documented ones (found `nmae`)' })
  })

  it('says a non-empty string was expected and prefixes the base path', () => {
    expect(findSchemaProblem(Doc, { name: '' }, '$.data[2]')).toEqual({ path: '$.data[2].name', expected: 'a non-empty string, got an empty string' })
  })
})

describe('assertShape / checkShape', () => {
  it('throws CP_ERR_INPUT_SHAPE naming file, path and expectation', () => {
    expect(() => assertShape(Doc, { name: 42 }, 'in.json')).toThrow(expect.objectContaining({ code: 'CP_ERR_INPUT_SHAPE', message: '`in.json` at `$.name`: expected a string, got number `42`' }))
  })

  it('returns the value when it fits', () => {
    const value = { name: 'x' }
    expect(checkShape<{ name: string }>(Doc, value, 'in.json')).toBe(value)
  })
})
