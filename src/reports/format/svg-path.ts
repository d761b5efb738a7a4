/**
 * @module reports/format/svg-path
 * Draw one attack path as an inline SVG: nodes left to right, each hop an
 * arrow labelled with its edge kind and technique. Self-contained (no
 * scripts, no external fonts) so the HTML report can be mailed.
 */
import type { GraphPath } from '../../paths/index.js'
import { escapeHtml } from './escape.js'

const BOX_W = 190
const BOX_H = 46
const GAP = 110
const PAD = 12

/** A box label: the node's name when known, else the last ARN / ARM segment of its id; shortened. */
function label(id: string, names: ReadonlyMap<string, string>): string {
  const tail = names.get(id) ?? id.split(/[/:]/).filter(Boolean).pop() ?? id
  return tail.length > 26 ? `${tail.slice(0, 25)}…` : tail
}

/** Render a path as an SVG element string. */
export function renderPathSvg(path: GraphPath, nodeKinds: ReadonlyMap<string, string> = new Map(), nodeNames: ReadonlyMap<string, string> = new Map()): string {
  if (path.hops.length === 0) return ''
  const ids = [path.hops[0]!.from, ...path.hops.map((h) => h.to)]
  const width = PAD * 2 + ids.length * BOX_W + (ids.length - 1) * GAP
  const height = PAD * 2 + BOX_H + 30
  const parts: string[] = []
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" class="path" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="attack path">`)
  parts.push('<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#b42318"/></marker></defs>')
  ids.forEach((id, i) => {
    const x = PAD + i * (BOX_W + GAP)
    const y = PAD + 24
    const kind = nodeKinds.get(id) ?? ''
    const fill = i === ids.length - 1 ? '#fde8e7' : i === 0 ? '#e8f1fd' : '#f4f4f5'
    parts.push(`<g><title>${escapeHtml(id)}</title><rect x="${x}" y="${y}" width="${BOX_W}" height="${BOX_H}" rx="6" fill="${fill}" stroke="#52525b"/>`)
    parts.push(`<text x="${x + BOX_W / 2}" y="${y + 19}" text-anchor="middle" font-size="12" font-family="sans-serif" font-weight="600">${escapeHtml(label(id, nodeNames))}</text>`)
    parts.push(`<text x="${x + BOX_W / 2}" y="${y + 35}" text-anchor="middle" font-size="10" font-family="sans-serif" fill="#52525b">${escapeHtml(kind)}</text></g>`)
  })
  path.hops.forEach((hop, i) => {
    const x1 = PAD + i * (BOX_W + GAP) + BOX_W
    const x2 = x1 + GAP
    const y = PAD + 24 + BOX_H / 2
    parts.push(`<line x1="${x1 + 2}" y1="${y}" x2="${x2 - 2}" y2="${y}" stroke="#b42318" stroke-width="2" marker-end="url(#arrow)"${hop.conditions.length > 0 ? ' stroke-dasharray="5 3"' : ''}/>`)
    parts.push(`<text x="${(x1 + x2) / 2}" y="${y - 10}" text-anchor="middle" font-size="10" font-family="sans-serif">${escapeHtml(hop.kind)}</text>`)
    if (hop.technique) parts.push(`<text x="${(x1 + x2) / 2}" y="${PAD + 12}" text-anchor="middle" font-size="9" font-family="sans-serif" fill="#52525b">${escapeHtml(hop.technique.replace(/^[a-z]+\//, ''))}</text>`)
  })
  parts.push('</svg>')
  return parts.join('')
}
