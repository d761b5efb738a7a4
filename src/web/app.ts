/**
 * @module web/app
 * The browser page: node search, path and blast-radius queries against the
 * `/v1` API, drawn as a graph with sigma (WebGL) or, where WebGL is missing,
 * as the same inline SVG the HTML reports use; every hop listed with its
 * evidence. Bundled by scripts/build-web.mjs into dist/web.
 */
import { MultiDirectedGraph } from 'graphology'
import Sigma from 'sigma'
// Direct file imports (not the folder index): the index pulls Node-only modules into the browser bundle.
import { NODE_KINDS, NODE_KIND_NAMES } from '../model/kinds.js'
import type { NodeKind } from '../model/kinds.js'
import { renderPathSvg } from '../reports/format/svg-path.js'
import type { GraphPath, PathHop } from '../paths/types.js'

/** One colour per node role, so the legend stays short; kinds of one role share it. */
const ROLE_COLOURS: Readonly<Record<string, string>> = {
  principal: '#2563eb',
  credential: '#d97706',
  resource: '#059669',
  scope: '#b42318',
  'identity-source': '#7c3aed',
}

function colourOf(kind: string | undefined): string {
  return kind && kind in NODE_KINDS ? (ROLE_COLOURS[NODE_KINDS[kind as NodeKind].role] ?? '#52525b') : '#52525b'
}

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T
const tokenInput = $<HTMLInputElement>('token')
tokenInput.value = sessionStorage.getItem('crownpath-token') ?? ''
tokenInput.addEventListener('change', () => sessionStorage.setItem('crownpath-token', tokenInput.value))

/** GET a `/v1` route; problem+json errors become thrown messages. */
async function api<T>(path: string, params: Record<string, string | number | boolean | undefined> = {}): Promise<T> {
  const query = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') query.set(k, String(v))
  const headers: Record<string, string> = { accept: 'application/json' }
  if (tokenInput.value) headers['authorization'] = `Bearer ${tokenInput.value}`
  const response = await fetch(`${path}${query.size ? `?${query}` : ''}`, { headers })
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>
  if (!response.ok) throw new Error(String(body['detail'] ?? body['message'] ?? `HTTP ${response.status}`))
  return body as T
}

function setStatus(text: string, isError = false): void {
  const status = $('status')
  status.textContent = text
  status.className = isError ? 'error' : ''
}

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

/** Kinds of the nodes on screen, learned from search and detail answers. */
const knownKinds = new Map<string, string>()
let renderer: Sigma | null = null

/** True when the browser can give sigma a WebGL context. */
function hasWebGl(): boolean {
  try {
    return !!document.createElement('canvas').getContext('webgl2') || !!document.createElement('canvas').getContext('webgl')
  } catch {
    return false
  }
}

/** Draw paths: sigma when WebGL works, stacked SVG pictures otherwise. */
function drawPaths(paths: readonly GraphPath[]): void {
  const container = $('graph')
  renderer?.kill()
  renderer = null
  container.innerHTML = ''
  if (paths.length === 0) return
  if (!hasWebGl()) {
    container.innerHTML = paths.map((p) => renderPathSvg(p, knownKinds)).join('')
    return
  }
  const graph = new MultiDirectedGraph()
  paths.forEach((path, row) => {
    const ids = [path.hops[0]!.from, ...path.hops.map((h) => h.to)]
    ids.forEach((id, column) => {
      if (!graph.hasNode(id)) {
        graph.addNode(id, { x: column * 10, y: -row * 4, size: 9, label: id.split(/[/:]/).filter(Boolean).pop() ?? id, color: colourOf(knownKinds.get(id)) })
      }
    })
    path.hops.forEach((hop) => graph.addEdge(hop.from, hop.to, { label: hop.technique ?? hop.kind, size: 2, type: 'arrow', color: hop.conditions.length ? '#d97706' : '#b42318' }))
  })
  renderer = new Sigma(graph, container, { renderEdgeLabels: true, defaultEdgeType: 'arrow' })
}

function hopRows(hops: readonly PathHop[]): string {
  return hops
    .map((h) => {
      const evidence = h.evidence.map((e) => `<code>${escape(e.policy)}${e.statement !== null && e.statement !== undefined ? ` #${e.statement}` : ''}</code>${e.action ? ` ${escape(e.action)}` : ''}${e.note ? ` — ${escape(e.note)}` : ''}`).join('<br>')
      const conditions = h.conditions.map((c) => `${escape(c.operator)} ${escape(c.key)}`).join(', ')
      return `<tr><td><code>${escape(h.from)}</code></td><td>${escape(h.kind)}<br><small>${escape(h.technique ?? '')}</small></td><td><code>${escape(h.to)}</code></td><td>${evidence}</td><td>${conditions || '—'}</td></tr>`
    })
    .join('')
}

function showPaths(paths: readonly GraphPath[]): void {
  $('details').innerHTML = paths
    .map((p, i) => `<h3>Path ${i + 1} · cost ${p.cost} · ${p.hops.length} hop${p.hops.length === 1 ? '' : 's'}</h3><table><tr><th>From</th><th>Edge</th><th>To</th><th>Evidence</th><th>Unresolved conditions</th></tr>${hopRows(p.hops)}</table>`)
    .join('')
}

async function learnKinds(ids: Iterable<string>): Promise<void> {
  for (const id of ids) {
    if (knownKinds.has(id)) continue
    try {
      const detail = await api<{ node: { id: string; kind: string } }>(`/v1/nodes/${encodeURIComponent(id)}`)
      knownKinds.set(id, detail.node.kind)
    } catch {
      knownKinds.set(id, '')
    }
  }
}

$('path-form').addEventListener('submit', async (event) => {
  event.preventDefault()
  setStatus('searching…')
  try {
    const result = await api<{ paths: GraphPath[]; truncated: boolean }>('/v1/paths', {
      from: $<HTMLInputElement>('from').value,
      to: $<HTMLInputElement>('to').value,
      k: $<HTMLInputElement>('k').value,
      excludeConditional: $<HTMLInputElement>('exclude-conditional').checked || undefined,
    })
    await learnKinds(result.paths.flatMap((p) => [p.hops[0]?.from ?? '', ...p.hops.map((h) => h.to)]).filter(Boolean))
    setStatus(result.paths.length === 0 ? 'no path' : `${result.paths.length} path(s)${result.truncated ? ' (bounded: more may exist)' : ''}`)
    drawPaths(result.paths)
    showPaths(result.paths)
  } catch (error) {
    setStatus((error as Error).message, true)
  }
})

$('blast-form').addEventListener('submit', async (event) => {
  event.preventDefault()
  setStatus('computing reach…')
  try {
    type Reached = { id: string; kind: string; name: string; classification: string | null; cost: number; path: GraphPath }
    const r = await api<{ principals: Reached[]; resources: Reached[]; tierZero: string[]; score: number; scoreExplanation: string; byClassification: Record<string, number> }>('/v1/blast-radius', { from: $<HTMLInputElement>('blast-from').value, limit: 50 })
    for (const n of [...r.principals, ...r.resources]) knownKinds.set(n.id, n.kind)
    setStatus(`score ${r.score} · restricted ${r.byClassification['restricted'] ?? 0} · confidential ${r.byClassification['confidential'] ?? 0} · tier zero reached ${r.tierZero.length}`)
    drawPaths([...r.resources, ...r.principals].slice(0, 12).map((n) => n.path).filter((p) => p.hops.length > 0))
    const rows = [...r.resources, ...r.principals].map((n) => `<tr><td>${escape(n.kind)}</td><td><code>${escape(n.id)}</code></td><td>${escape(n.classification ?? '')}</td><td>${n.cost}</td></tr>`).join('')
    $('details').innerHTML = `<p>${escape(r.scoreExplanation)}</p><table><tr><th>Kind</th><th>Node</th><th>Classification</th><th>Cost</th></tr>${rows}</table>`
  } catch (error) {
    setStatus((error as Error).message, true)
  }
})

$('search-form').addEventListener('submit', async (event) => {
  event.preventDefault()
  try {
    const page = await api<{ total: number; nodes: { id: string; kind: string; name: string; isTierZero: boolean; isExposed: boolean }[] }>('/v1/nodes', { search: $<HTMLInputElement>('search').value, limit: 50 })
    for (const n of page.nodes) knownKinds.set(n.id, n.kind)
    $('node-list').innerHTML = page.nodes.map((n) => `<option value="${escape(n.id)}">${escape(n.name)}</option>`).join('')
    setStatus(`${page.total} node(s)`)
    $('details').innerHTML = `<table><tr><th>Kind</th><th>Name</th><th>Id</th><th></th></tr>${page.nodes.map((n) => `<tr><td>${escape(n.kind)}</td><td>${escape(n.name)}</td><td><code>${escape(n.id)}</code></td><td>${n.isTierZero ? 'tier zero' : ''} ${n.isExposed ? 'exposed' : ''}</td></tr>`).join('')}</table>`
  } catch (error) {
    setStatus((error as Error).message, true)
  }
})

$('privesc').addEventListener('click', async () => {
  try {
    const r = await api<{ admins: string[]; findings: { principal: string; target: string; hops: PathHop[] }[] }>('/v1/privesc')
    setStatus(`${r.admins.length} admin(s), ${r.findings.length} principal(s) can escalate`)
    const paths = r.findings.slice(0, 10).map((f) => ({ cost: f.hops.length, hops: f.hops.map((h) => ({ ...h, conditions: h.conditions ?? [] })) }))
    await learnKinds(paths.flatMap((p) => [p.hops[0]?.from ?? '', ...p.hops.map((h) => h.to)]).filter(Boolean))
    drawPaths(paths)
    showPaths(paths)
  } catch (error) {
    setStatus((error as Error).message, true)
  }
})

$('legend').innerHTML = Object.entries(ROLE_COLOURS)
  .map(([role, colour]) => `<div><span style="background:${colour}"></span>${escape(role)}: ${NODE_KIND_NAMES.filter((k) => NODE_KINDS[k].role === role).join(', ')}</div>`)
  .join('')

api<{ snapshots: { id: string; createdAt: string; label: string | null }[] }>('/v1/snapshots')
  .then((r) => {
    const latest = r.snapshots[0]
    $('snapshot').textContent = latest ? `snapshot ${latest.id}${latest.label ? ` (${latest.label})` : ''}` : 'no snapshot yet'
  })
  .catch(() => undefined)
