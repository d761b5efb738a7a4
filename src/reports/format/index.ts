/**
 * @module reports/format
 * The formatter table: format name → renderer.
 */
import type { ReportDocument, ReportFormat } from '../types.js'
import { renderCsv } from './csv.js'
import { renderHtml } from './html.js'
import { renderJson } from './json.js'
import { renderMarkdown } from './md.js'
import { renderSarif } from './sarif.js'

/** What a renderer may need beyond the document. */
export interface RenderContext {
  readonly version: string
  readonly nodeKinds: ReadonlyMap<string, string>
  /** Display names of nodes, for the pictures (ids are long). */
  readonly nodeNames?: ReadonlyMap<string, string>
}

/** Format → renderer. */
export const FORMATTERS: Readonly<Record<ReportFormat, (doc: ReportDocument, ctx: RenderContext) => string>> = {
  json: (doc) => renderJson(doc),
  md: (doc) => renderMarkdown(doc),
  html: (doc, ctx) => renderHtml(doc, ctx.nodeKinds, ctx.nodeNames),
  csv: (doc) => renderCsv(doc),
  sarif: (doc, ctx) => renderSarif(doc, ctx.version),
}

/** File extension per format. */
export const FORMAT_EXTENSIONS: Readonly<Record<ReportFormat, string>> = { json: 'json', md: 'md', html: 'html', csv: 'csv', sarif: 'sarif' }

export { renderCsv, renderHtml, renderJson, renderMarkdown, renderSarif }
export { escapeHtml, csvField, escapeMdCell } from './escape.js'
