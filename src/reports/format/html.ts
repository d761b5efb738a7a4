/**
 * @module reports/format/html
 * A self-contained HTML page (inline CSS, inline SVG pictures of the top
 * paths, no scripts) that can be mailed or attached to a ticket.
 */
import type { ReportDocument } from '../types.js'
import { SEVERITIES } from '../types.js'
import { escapeHtml } from './escape.js'
import { describeEvidence } from './evidence-text.js'
import { renderPathSvg } from './svg-path.js'

const STYLE = `body{font-family:system-ui,sans-serif;margin:2rem;color:#18181b;max-width:1200px}
table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #d4d4d8;padding:.35rem .6rem;text-align:left;vertical-align:top}
.sev{font-weight:700;text-transform:uppercase;font-size:.8rem}.critical{color:#7f1d1d}.high{color:#b42318}.medium{color:#b54708}.low{color:#175cd3}.info{color:#52525b}
.pass{color:#067647;font-weight:700}.fail{color:#b42318;font-weight:700}.unknown,.not-applicable{color:#52525b}
.finding{border-left:4px solid #d4d4d8;padding:.2rem 1rem;margin:1rem 0}.finding.critical,.finding.high{border-color:#b42318}
.pictures svg{display:block;margin:.5rem 0;max-width:100%;height:auto}code{background:#f4f4f5;padding:0 .2rem}
.sign{margin-top:2rem;border:1px solid #d4d4d8;padding:1rem}.line{display:inline-block;min-width:18rem;border-bottom:1px solid #18181b}`

/** How many paths are drawn at the top of the page. */
const TOP_PATHS = 5

/** Render a report as a self-contained HTML page. `nodeKinds` and `nodeNames` label the drawn nodes. */
export function renderHtml(doc: ReportDocument, nodeKinds: ReadonlyMap<string, string> = new Map(), nodeNames: ReadonlyMap<string, string> = new Map()): string {
  const h: string[] = []
  h.push(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(doc.title)}</title><style>${STYLE}</style></head><body>`)
  h.push(`<h1>${escapeHtml(doc.title)}</h1><p>Snapshot <code>${escapeHtml(doc.snapshot.id)}</code> (${escapeHtml(doc.snapshot.createdAt)}) · generated ${escapeHtml(doc.generatedAt)}</p>`)
  h.push('<table><tr><th>Severity</th><th>Findings</th></tr>')
  for (const s of SEVERITIES) h.push(`<tr><td class="sev ${s}">${s}</td><td>${doc.summary.bySeverity[s]}</td></tr>`)
  h.push('</table>')
  const drawn = doc.findings.filter((f) => f.path && f.path.hops.length > 0).slice(0, TOP_PATHS)
  const reviewPaths = (doc.reviews ?? []).flatMap((r) => r.controls.flatMap((c) => c.paths ?? [])).slice(0, TOP_PATHS)
  if (drawn.length > 0 || reviewPaths.length > 0) {
    h.push('<h2>Top paths</h2><div class="pictures">')
    for (const f of drawn) h.push(`<figure><figcaption>${escapeHtml(f.title)} (cost ${f.path!.cost})</figcaption>${renderPathSvg(f.path!, nodeKinds, nodeNames)}</figure>`)
    for (const p of drawn.length === 0 ? reviewPaths : []) h.push(`<figure><figcaption>inbound path, cost ${p.cost}</figcaption>${renderPathSvg(p, nodeKinds, nodeNames)}</figure>`)
    h.push('</div>')
  }
  for (const review of doc.reviews ?? []) {
    h.push(`<h2>${escapeHtml(review.name)}</h2><p><code>${escapeHtml(review.id)}</code> (${review.provider})</p><table><tr><th>Control</th><th>Status</th><th>Detail</th></tr>`)
    for (const c of review.controls) h.push(`<tr><td>${escapeHtml(c.title)}</td><td class="${c.status}">${c.status.toUpperCase()}</td><td>${escapeHtml(c.detail)}</td></tr>`)
    h.push('</table>')
  }
  if (doc.findings.length > 0) h.push('<h2>Findings</h2>')
  for (const f of doc.findings) {
    h.push(`<div class="finding ${f.severity}"><h3><span class="sev ${f.severity}">${f.severity}</span> ${escapeHtml(f.title)}</h3>`)
    h.push(`<p>Subject <code>${escapeHtml(f.subject)}</code> · check <code>${escapeHtml(f.check)}</code> (${escapeHtml(f.category)})</p><ul>`)
    for (const e of f.evidence.slice(0, 10)) h.push(`<li>${escapeHtml(describeEvidence(e))}</li>`)
    h.push(`</ul><p><strong>Fix:</strong> ${escapeHtml(f.remediation)}</p></div>`)
  }
  if (doc.attestation) {
    h.push(`<div class="sign"><h2>Attestation</h2><p>${escapeHtml(doc.attestation.statement)}</p>`)
    h.push(`<p>Reviewer: <span class="line">${escapeHtml(doc.attestation.reviewer ?? '')}</span></p><p>Date: <span class="line">${escapeHtml(doc.attestation.date ?? '')}</span></p><p>Signature: <span class="line"></span></p></div>`)
  }
  h.push('</body></html>\n')
  return h.join('')
}
