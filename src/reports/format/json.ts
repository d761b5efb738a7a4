/**
 * @module reports/format/json
 * The versioned JSON document, as is.
 */
import type { ReportDocument } from '../types.js'

/** Render a report as pretty JSON (one document). */
export function renderJson(doc: ReportDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`
}
