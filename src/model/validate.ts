/**
 * @module model/validate
 * The one boundary check for parsed JSON: validate a value against a TypeBox
 * schema and turn the first failure into a JSON path (`$.RoleDetailList[3].Arn`)
 * plus what was expected there, in user terms. Loaders throw it as
 * CP_ERR_INPUT_SHAPE ({@link assertShape}); config readers wrap
 * {@link findSchemaProblem} in their own code. Pure: no I/O.
 */
import type { Static, TSchema } from 'typebox'
import { Compile } from 'typebox/compile'
import { CrownpathError } from './errors.js'

/** The first problem found in a value, in user terms. */
export interface SchemaProblem {
  /** `$.rules[0].classification` (prefixed by the caller's base path). */
  readonly path: string
  /** `one of \`public\`, \`internal\`, got \`secret\`` */
  readonly expected: string
}

type CompiledValidator = ReturnType<typeof Compile>
// Compiling is the slow part (milliseconds per schema): once per schema object.
const VALIDATORS = new WeakMap<TSchema, CompiledValidator>()

function validatorFor(schema: TSchema): CompiledValidator {
  let validator = VALIDATORS.get(schema)
  if (!validator) {
    validator = Compile(schema)
    VALIDATORS.set(schema, validator)
  }
  return validator
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

/** Append one step (a property name or an array index) to a `$`-rooted JSON path. */
export function joinJsonPath(path: string, step: string | number): string {
  if (typeof step === 'number') return `${path}[${step}]`
  return IDENTIFIER.test(step) ? `${path}.${step}` : `${path}[${JSON.stringify(step)}]`
}

function unescapePointerToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~')
}

/**
 * Convert a JSON pointer (`/RoleDetailList/3/Arn`, RFC 6901) to a `$` path
 * (`$.RoleDetailList[3].Arn`), appended to `base` (`line 4: $` for JSON lines).
 */
export function pointerToJsonPath(pointer: string, base = '$'): string {
  if (pointer === '') return base
  return pointer
    .split('/')
    .slice(1)
    .map(unescapePointerToken)
    .reduce<string>((path, token) => joinJsonPath(path, /^(0|[1-9]\d*)$/.test(token) ? Number(token) : token), base)
}

/** Walk a JSON pointer (or a `#/...` schema path) from `root`. */
function walk(root: unknown, pointer: string): unknown {
  let node = root
  for (const token of pointer.replace(/^#/, '').split('/').slice(1)) {
    if (node === null || typeof node !== 'object') return undefined
    node = (node as Record<string, unknown>)[unescapePointerToken(token)]
  }
  return node
}

function descriptionAt(root: TSchema, schemaPath: string): string | null {
  const schema = walk(root, schemaPath)
  const description = schema !== null && typeof schema === 'object' ? (schema as Record<string, unknown>)['description'] : undefined
  return typeof description === 'string' ? description : null
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  null: 'null',
}

/** Shape of the TypeBox error records read here. */
interface ErrorLike {
  readonly keyword: string
  readonly schemaPath: string
  readonly instancePath: string
  readonly params: Readonly<Record<string, unknown>>
  readonly message: string
}

/** A literal as the user would type it: strings bare, anything else as JSON, in backticks. */
function literal(value: unknown): string {
  return `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``
}

/** What one failed keyword expected, preferring the schema's own `description`. */
function describeExpected(root: TSchema, error: ErrorLike): string {
  const description = descriptionAt(root, error.schemaPath)
  const p = error.params
  switch (error.keyword) {
    case 'type': {
      const type = p['type']
      return description ?? (Array.isArray(type) ? type : [type]).map((t) => TYPE_NAMES[String(t)] ?? String(t)).join(' or ')
    }
    case 'pattern':
      return description ?? `a string matching \`${String(p['pattern'])}\``
    case 'const':
      return literal(p['allowedValue'])
    case 'enum':
      return `one of ${((p['allowedValues'] as unknown[] | undefined) ?? []).map(literal).join(', ')}`
    case 'minLength':
      return description ?? (Number(p['limit']) <= 1 ? 'a non-empty string' : `a string of at least ${String(p['limit'])} characters`)
    case 'minItems':
      return description ?? `at least ${String(p['limit'])} item(s)`
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return description ?? `a number ${String(p['comparison'] ?? '')} ${String(p['limit'])}`.replace('  ', ' ')
    default:
      return description ?? `a value that ${error.message.replace(/^must /, '')}`
  }
}

/** A short, secret-free description of a value (its type; short strings and numbers verbatim). */
function describeActual(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} \`${String(value)}\``
  // Input ids and ARNs are not secrets; a short string is shown so the user can find it.
  if (typeof value === 'string') return value === '' ? 'an empty string' : value.length <= 120 ? `\`${value}\`` : 'a long string'
  return typeof value === 'object' ? 'an object' : typeof value
}

/**
 * The first problem of `value` against `schema`, or null when it is valid.
 * `basePath` prefixes the path when the value sits inside a larger document
 * (`$.data[3]`, `line 4: $`). A missing property is reported at its own path;
 * a union (nullable field) lists every branch (`a string or null`); the value
 * found is named (`got number \`42\``) without echoing long strings.
 */
export function findSchemaProblem(schema: TSchema, value: unknown, basePath = '$'): SchemaProblem | null {
  const validator = validatorFor(schema)
  if (validator.Check(value)) return null
  const errors = [...validator.Errors(value)] as unknown as ErrorLike[]
  // `boolean` errors ("schema is false") restate an additionalProperties error with less detail.
  const useful = errors.filter((e) => e.keyword !== 'boolean')
  const first = useful[0] ?? errors[0]
  if (!first) return { path: basePath, expected: 'a valid document' }
  const path = pointerToJsonPath(first.instancePath, basePath)
  switch (first.keyword) {
    case 'required': {
      const name = (first.params['requiredProperties'] as string[] | undefined)?.[0] ?? '?'
      const property = walk(schema, `${first.schemaPath}/properties/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`)
      const description = property !== null && typeof property === 'object' ? (property as Record<string, unknown>)['description'] : undefined
      const what = typeof description === 'string' ? description : `a \`${name}\` field`
      return { path: joinJsonPath(path, name), expected: `${what} (required, missing)` }
    }
    case 'additionalProperties': {
      const extra = (first.params['additionalProperties'] as unknown[] | undefined) ?? []
      const found = extra.length > 0 ? extra.map((k) => `\`${String(k)}\``).join(', ') : 'others'
      return { path, expected: `no properties other than the documented ones (found ${found})` }
    }
  }
  // A union fails with one error per branch at the same location: list them all.
  const here = useful.filter((e) => e.instancePath === first.instancePath && e.keyword !== 'anyOf' && e.keyword !== 'required')
  const expected = [...new Set((here.length > 0 ? here : [first]).map((e) => describeExpected(schema, e)))].join(' or ')
  return { path, expected: `${expected}, got ${describeActual(walk(value, first.instancePath))}` }
}

/**
 * Validate `value` against `schema`; on failure throw CP_ERR_INPUT_SHAPE
 * naming `file`, the JSON path of the first failing location and what was
 * expected there (see {@link findSchemaProblem}).
 */
export function assertShape<T extends TSchema>(schema: T, value: unknown, file: string, basePath = '$'): asserts value is Static<T> {
  const problem = findSchemaProblem(schema, value, basePath)
  if (problem) throw new CrownpathError('CP_ERR_INPUT_SHAPE', { file, path: problem.path, expected: problem.expected })
}

/**
 * {@link assertShape} as an expression: returns `value` typed as `R` (for
 * schemas built at run time, whose static type the caller states).
 */
export function checkShape<R>(schema: TSchema, value: unknown, file: string, basePath = '$'): R {
  assertShape(schema, value, file, basePath)
  return value as R
}
