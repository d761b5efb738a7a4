/**
 * @module loaders/shared/read-json
 * The one file reader of the loaders (AWS, Azure, leaks): size limit, a fast
 * sniff of the first bytes so garbage fails before it is read whole, lazy
 * hashing, BOM stripping, JSON and JSON-lines parsing with coded errors that
 * name the file (and line). I/O only: shapes are checked with `assertShape`
 * from src/model, transformation happens in each loader (STYLE R5).
 */
import { createHash } from 'node:crypto'
import { open, readFile, stat } from 'node:fs/promises'
import { CrownpathError } from '../../src/model/index.js'

/** Default upper bound on one input file: 512 MB (V8 strings top out a little above this). */
export const DEFAULT_MAX_INPUT_BYTES = 512 * 1024 * 1024

/** Options shared by every file reader. */
export interface ReadOptions {
  /** Largest accepted file in bytes; default {@link DEFAULT_MAX_INPUT_BYTES}. */
  readonly maxBytes?: number
}

/** Options of {@link readInputFile}: the size limit and, for JSON, the accepted first characters. */
export interface InputReadOptions extends ReadOptions {
  /**
   * Characters the first non-blank byte may be (a gitleaks report must open
   * with `[`). Default: `{` or `[` for JSON, `{` for JSON lines.
   */
  readonly opening?: readonly string[]
}

/** The expected content of a file, used to sniff its first bytes. */
export type InputKind = 'json' | 'jsonl' | 'csv'

/** A file read into memory. */
export interface InputFile {
  readonly file: string
  readonly text: string
  readonly sha256: string
  readonly bytes: number
  /** The raw bytes (for an off-thread digest). */
  readonly buffer: Buffer
}

/** A JSON file read and parsed (not yet validated). */
export interface JsonInput {
  readonly file: string
  readonly sha256: string
  readonly value: unknown
}

const SNIFF_BYTES = 4096

/** Human form of a byte count for messages (`512 MB`). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`
  return `${bytes} bytes`
}

/**
 * Check the first bytes: JSON must open with `{` or `[` and its first few KB
 * must be a valid JSON prefix; JSON lines must open with `{`; no text input
 * holds NUL bytes. This is what makes 50 MB of garbage fail in milliseconds
 * instead of after a full read, hash and failed parse.
 */
function sniff(file: string, head: Buffer, kind: InputKind, isWholeFile: boolean, opening: readonly string[] | undefined): void {
  if (head.includes(0)) {
    throw new CrownpathError(kind === 'csv' ? 'CP_ERR_INPUT_FORMAT' : 'CP_ERR_INPUT_JSON', {
      file,
      reason: `binary content (a NUL byte at offset ${head.indexOf(0)}): expected text`,
    })
  }
  if (kind === 'csv') return
  let text = head.toString('utf8')
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  // A multi-byte character cut at the end of the head decodes to U+FFFD: drop it.
  if (!isWholeFile) text = text.replace(/\uFFFD+$/, '')
  const match = /\S/.exec(text)
  if (!match) return // empty or whitespace only: the parser reports it
  const first = match[0]
  const allowed = opening ?? (kind === 'json' ? ['{', '['] : ['{'])
  if (!allowed.includes(first)) {
    throw new CrownpathError('CP_ERR_INPUT_JSON', {
      file,
      reason: `unexpected character \`${printable(first)}\` at offset ${match.index}: expected ${allowed.map((c) => `\`${c}\``).join(' or ')}`,
    })
  }
  // JSON lines hold one document per line: only the first line is a JSON prefix.
  const prefix = kind === 'jsonl' ? text.slice(0, (text.indexOf('\n') + 1 || text.length + 1) - 1) : text
  const bad = findJsonPrefixError(prefix)
  if (bad !== null) {
    throw new CrownpathError('CP_ERR_INPUT_JSON', { file, reason: `unexpected character \`${printable(prefix[bad] ?? '?')}\` at offset ${bad}` })
  }
}

/**
 * Offset of the first character that cannot continue a JSON document, or null
 * when `text` is a valid JSON text or a prefix of one. A small scanner (no
 * values are built): containers on a stack, strings with escapes, literals and
 * numbers checked loosely; whatever it accepts, `JSON.parse` decides later.
 */
export function findJsonPrefixError(text: string): number | null {
  type Expect = 'value' | 'valueOrEnd' | 'keyOrEnd' | 'key' | 'colon' | 'commaOrEnd' | 'done'
  const stack: string[] = []
  let expect: Expect = 'value'
  const afterValue = (): Expect => (stack.length === 0 ? 'done' : 'commaOrEnd')
  let i = 0
  while (i < text.length) {
    const ch = text[i]!
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i++
      continue
    }
    switch (expect) {
      case 'done':
        return i
      case 'colon':
        if (ch !== ':') return i
        expect = 'value'
        i++
        continue
      case 'commaOrEnd': {
        const top = stack[stack.length - 1]
        if (ch === ',') expect = top === '{' ? 'key' : 'value'
        else if ((ch === '}' && top === '{') || (ch === ']' && top === '[')) {
          stack.pop()
          expect = afterValue()
        } else return i
        i++
        continue
      }
      case 'keyOrEnd':
      case 'key':
        if (ch === '}' && expect === 'keyOrEnd') {
          stack.pop()
          expect = afterValue()
          i++
          continue
        }
        if (ch !== '"') return i
        break
      case 'valueOrEnd':
        if (ch === ']') {
          stack.pop()
          expect = afterValue()
          i++
          continue
        }
        break
      case 'value':
        break
    }
    // A value (or an object key, which is a string).
    if (ch === '"') {
      const isKey = expect === 'key' || expect === 'keyOrEnd'
      i++
      while (i < text.length && text[i] !== '"') {
        const c = text.charCodeAt(i)
        if (c < 0x20) return i
        i += text[i] === '\\' ? 2 : 1
      }
      if (i >= text.length) return null // cut inside a string
      i++
      expect = isKey ? 'colon' : afterValue()
      continue
    }
    if (expect === 'key' || expect === 'keyOrEnd') return i
    if (ch === '{' || ch === '[') {
      stack.push(ch)
      expect = ch === '{' ? 'keyOrEnd' : 'valueOrEnd'
      i++
      continue
    }
    const literal = /^(?:true|false|null|-?\d[\d.eE+-]*|-)/.exec(text.slice(i, i + 32))
    if (!literal) {
      // A literal cut at the end of the text (`tr`, `nul`) is still a prefix.
      const rest = text.slice(i)
      return ['true', 'false', 'null'].some((word) => word.startsWith(rest)) ? null : i
    }
    i += literal[0].length
    expect = afterValue()
  }
  return null
}

function printable(ch: string): string {
  const code = ch.codePointAt(0) ?? 0
  return code < 0x20 || code === 0x7f || code === 0x60 ? `\\u${code.toString(16).padStart(4, '0')}` : ch
}

/** Read one input file with the size limit and the first-bytes sniff. */
export async function readInputFile(file: string, kind: InputKind, options: InputReadOptions = {}): Promise<InputFile> {
  const limit = options.maxBytes ?? DEFAULT_MAX_INPUT_BYTES
  let size: number
  try {
    const info = await stat(file)
    if (!info.isFile()) throw new Error('not a regular file')
    size = info.size
  } catch (error) {
    throw new CrownpathError('CP_ERR_INPUT_READ', { file, reason: reasonOf(error) }, { cause: error })
  }
  if (size > limit) throw new CrownpathError('CP_ERR_INPUT_TOO_LARGE', { file, limit: formatBytes(limit) })
  let buffer: Buffer
  try {
    const handle = await open(file, 'r')
    try {
      const head = Buffer.alloc(Math.min(SNIFF_BYTES, size))
      await handle.read(head, 0, head.length, 0)
      sniff(file, head, kind, head.length === size, options.opening)
    } finally {
      await handle.close()
    }
    buffer = await readFile(file)
  } catch (error) {
    if (error instanceof CrownpathError) throw error
    throw new CrownpathError('CP_ERR_INPUT_READ', { file, reason: reasonOf(error) }, { cause: error })
  }
  // The file may have grown between stat and read.
  if (buffer.length > limit) throw new CrownpathError('CP_ERR_INPUT_TOO_LARGE', { file, limit: formatBytes(limit) })
  let text = buffer.toString('utf8')
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  // Hashing 512 MB takes seconds on a small machine: done on demand, after parsing succeeded.
  let sha256: string | null = null
  return {
    file,
    text,
    get sha256(): string {
      sha256 ??= createHash('sha256').update(buffer).digest('hex')
      return sha256
    },
    bytes: buffer.length,
    buffer,
  }
}

/** Parse JSON text, mapping a syntax error to `CP_ERR_INPUT_JSON` naming the file. */
export function parseJsonText(file: string, text: string): unknown {
  if (text.trim() === '') throw new CrownpathError('CP_ERR_INPUT_JSON', { file, reason: 'the file is empty' })
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw new CrownpathError('CP_ERR_INPUT_JSON', { file, reason: reasonOf(error) }, { cause: error })
  }
}

/** Read and parse one JSON file. */
export async function readJsonFile(file: string, options: InputReadOptions = {}): Promise<JsonInput> {
  const input = await readInputFile(file, 'json', options)
  // The digest of a large file takes a noticeable part of a second: let the thread pool compute it
  // while this thread parses.
  const digest = globalThis.crypto.subtle.digest('SHA-256', input.buffer as Uint8Array<ArrayBuffer>)
  const value = parseJsonText(file, input.text)
  const sha256 = Buffer.from(await digest).toString('hex')
  return { file, sha256, value }
}

/** One parsed line of a JSON-lines file, with its 1-based line number. */
export interface JsonLine {
  readonly line: number
  readonly value: unknown
}

/**
 * Parse JSON lines (TruffleHog's output, AzureHound's stdout mode): one JSON
 * value per non-empty line. A bad line is reported with its 1-based number.
 */
export function parseJsonLines(file: string, text: string): JsonLine[] {
  const out: JsonLine[] = []
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]?.trim() ?? ''
    if (line === '') continue
    try {
      out.push({ line: i + 1, value: JSON.parse(line) as unknown })
    } catch (error) {
      throw new CrownpathError('CP_ERR_INPUT_JSON', { file, reason: `line ${i + 1}: ${reasonOf(error)}` }, { cause: error })
    }
  }
  return out
}

/** One line of an error's message, without a final period (STYLE R8). */
export function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n')[0]!.replace(/\.$/, '')
}
