/**
 * @module web/app
 * The browser page: node search, path, blast-radius and privilege-escalation
 * queries against the `/v1` API, drawn as a graph with sigma (WebGL) or, where
 * WebGL is missing, as the same inline SVG the HTML reports use; every hop
 * listed with its evidence. Bundled by scripts/build-web.mjs into dist/web and
 * served by the API at `/` (assets under `/web/`).
 *
 * Page URL flags:
 * - `?svg=1` forces the SVG drawing even where WebGL works. Headless browsers
 *   and remote desktops often have no (or a software) WebGL, so the browser
 *   test uses it for a deterministic picture; users can use it to print.
 * - `?from=<selector>&to=<selector>` pre-fills the path form and runs it.
 */
import { MultiDirectedGraph } from 'graphology'
import Sigma from 'sigma'
// Direct file imports (not the folder index): the index pulls Node-only modules into the browser bundle.
import { NODE_KINDS, NODE_KIND_NAMES } from '../model/kinds.js'
import type { NodeKind } from '../model/kinds.js'
import { renderPathSvg } from '../reports/format/svg-path.js'
// Type-only imports are erased from the bundle, so they go through the index.
import type { GraphPath, PathHop } from '../paths/index.js'

/** One colour per node role, so the legend stays short; kinds of one role share it. */
const ROLE_COLOURS: Readonly<Record<string, string>> = {
  principal: '#2563eb',
  credential: '#d97706',
  resource: '#059669',
  scope: '#b42318',
  'identity-source': '#7c3aed',
  role: '#0891b2',
}

function colourOf(kind: string | undefined): string {
  return kind && kind in NODE_KINDS ? (ROLE_COLOURS[NODE_KINDS[kind as NodeKind].role] ?? '#52525b') : '#52525b'
}

const pageParams = new URLSearchParams(location.search)
/** `?svg=1`: never try WebGL (see the module header). */
const isSvgForced = pageParams.get('svg') === '1'

const $ = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id)
  if (!element) throw new Error(`page element #${id} is missing`)
  return element as T
}
const tokenInput = $<HTMLInputElement>('token')
tokenInput.value = sessionStorage.getItem('crownpath-token') ?? ''
tokenInput.addEventListener('change', () => sessionStorage.setItem('crownpath-token', tokenInput.value))

/** Query-string values; `undefined`, `''` and `false` are left out. */
type Params = Record<string, string | number | boolean | undefined>

/** GET a `/v1` route; RFC 9457 problem documents become thrown messages (their `detail`). */
async function api<T>(path: string, params: Params = {}): Promise<T> {
  const query = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '' && v !== false) query.set(k, String(v))
  const headers: Record<string, string> = { accept: 'application/json' }
  if (tokenInput.value) headers['authorization'] = `Bearer ${tokenInput.value}`
  const qs = query.toString()
  const response = await fetch(`${path}${qs ? `?${qs}` : ''}`, { headers })
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>
  if (!response.ok) throw new Error(String(body['detail'] ?? body['message'] ?? `HTTP ${response.status}`))
  return body as T
}

function setStatus(text: string, isError = false): void {
  const status = $('status')
  status.textContent = text
  status.className = isError ? 'error' : ''
}

/** Run a query handler with a busy status; any failure is shown as the status line. */
async function runQuery(busy: string, work: () => Promise<void>): Promise<void> {
  setStatus(busy)
  $('results').setAttribute('aria-busy', 'true')
  try {
    await work()
  } catch (error) {
    clearGraph()
    $('details').innerHTML = ''
    setStatus((error as Error).message, true)
  } finally {
    $('results').removeAttribute('aria-busy')
  }
}

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

/** Kinds of the nodes on screen, learned from search and detail answers. */
const knownKinds = new Map<string, string>()
let renderer: Sigma | null = null

/** True when the browser can give sigma a WebGL context (and `?svg=1` is not set). */
function canUseWebGl(): boolean {
  if (isSvgForced) return false
  try {
    const canvas = document.createElement('canvas')
    return !!(canvas.getContext('webgl2') ?? canvas.getContext('webgl'))
  } catch {
    return false
  }
}

/** What the drawing currently uses; the legend and the graph container say it. */
let drawingMode: 'svg' | 'webgl' = canUseWebGl() ? 'webgl' : 'svg'

function clearGraph(): void {
  renderer?.kill()
  renderer = null
  const container = $('graph')
  container.innerHTML = ''
  container.hidden = true
  container.style.removeProperty('height')
  delete container.dataset['renderer']
}

function drawSvg(container: HTMLElement, paths: readonly GraphPath[]): void {
  container.innerHTML = paths.map((p) => renderPathSvg(p, knownKinds)).join('')
  container.dataset['renderer'] = 'svg'
}

/** Draw paths: sigma when WebGL works, stacked SVG pictures otherwise (or when sigma fails to start). */
function drawPaths(paths: readonly GraphPath[]): void {
  clearGraph()
  const container = $('graph')
  const drawable = paths.filter((p) => p.hops.length > 0)
  if (drawable.length === 0) return
  container.hidden = false
  if (drawingMode === 'svg') return drawSvg(container, drawable)
  const graph = new MultiDirectedGraph()
  drawable.forEach((path, row) => {
    const ids = [path.hops[0]!.from, ...path.hops.map((h) => h.to)]
    ids.forEach((id, column) => {
      if (!graph.hasNode(id)) {
        graph.addNode(id, { x: column * 10, y: -row * 4, size: 9, label: id.split(/[/:]/).filter(Boolean).pop() ?? id, color: colourOf(knownKinds.get(id)) })
      }
    })
    path.hops.forEach((hop) => graph.addEdge(hop.from, hop.to, { label: hop.technique ?? hop.kind, size: 2, type: 'arrow', color: hop.conditions.length ? '#d97706' : '#b42318' }))
  })
  // Sigma needs a sized container: one band per path row, within the stylesheet's bounds.
  container.dataset['renderer'] = 'webgl'
  container.style.height = `${Math.min(420, 160 + drawable.length * 60)}px`
  // Labels sit right of their node: widen the layout's box by one invisible column so the last labels fit.
  // (A larger stagePadding would also shrink the height, and past the container's height sigma mirrors the picture.)
  const columns = Math.max(...drawable.map((p) => p.hops.length))
  try {
    renderer = new Sigma(graph, container, { renderEdgeLabels: true, defaultEdgeType: 'arrow', stagePadding: 40 })
    renderer.setCustomBBox({ x: [0, (columns + 0.8) * 10], y: [-(drawable.length - 1) * 4 - 1, 1] })
  } catch {
    // A context that exists but cannot run sigma's shaders (blocklisted GPU, software GL off): use SVG from now on.
    drawingMode = 'svg'
    renderLegend()
    container.innerHTML = ''
    drawSvg(container, drawable)
  }
}

function evidenceCell(hop: PathHop): string {
  return hop.evidence
    .map((e) => {
      const statement = e.statement !== null && e.statement !== undefined ? ` #${e.statement}` : ''
      const sid = e.sid ? ` (${escape(e.sid)})` : ''
      return `<code>${escape(e.policy)}${statement}</code>${sid}${e.action ? ` ${escape(e.action)}` : ''}${e.note ? ` — ${escape(e.note)}` : ''}`
    })
    .join('<br>')
}

function hopRows(hops: readonly PathHop[]): string {
  return hops
    .map((h) => {
      const conditions = h.conditions.map((c) => `${escape(c.operator)} ${escape(c.key)}`).join(', ')
      return `<tr><td><code>${escape(h.from)}</code></td><td>${escape(h.kind)}${h.technique ? `<br><small>${escape(h.technique)}</small>` : ''}</td><td><code>${escape(h.to)}</code></td><td>${evidenceCell(h)}</td><td>${conditions || '—'}</td></tr>`
    })
    .join('')
}

const HOP_HEADER = '<thead><tr><th scope="col">From</th><th scope="col">Edge</th><th scope="col">To</th><th scope="col">Evidence (policy #statement)</th><th scope="col">Unresolved conditions</th></tr></thead>'

/** The hop tables of a list of paths, with an optional heading per path. */
function showPaths(paths: readonly GraphPath[], headings: readonly string[] = []): void {
  $('details').innerHTML = paths
    .map((p, i) => {
      const heading = headings[i] ?? `Path ${i + 1}`
      return `<h3>${escape(heading)} · cost ${p.cost} · ${p.hops.length} hop${p.hops.length === 1 ? '' : 's'}</h3><table class="hops"><caption class="visually-hidden">hops of ${escape(heading)}</caption>${HOP_HEADER}<tbody>${hopRows(p.hops)}</tbody></table>`
    })
    .join('')
}

/** Every node id on the given paths. */
function pathNodeIds(paths: readonly GraphPath[]): string[] {
  return [...new Set(paths.flatMap((p) => (p.hops.length ? [p.hops[0]!.from, ...p.hops.map((h) => h.to)] : [])))]
}

/** Fetch the kinds of nodes not seen yet (for colours and SVG captions); unknown ones stay blank. */
async function learnKinds(ids: readonly string[]): Promise<void> {
  const missing = ids.filter((id) => !knownKinds.has(id))
  await Promise.all(
    missing.map(async (id) => {
      try {
        const detail = await api<{ node: { id: string; kind: string } }>(`/v1/nodes/${encodeURIComponent(id)}`)
        knownKinds.set(id, detail.node.kind)
      } catch {
        knownKinds.set(id, '')
      }
    }),
  )
}

const inputValue = (id: string): string => $<HTMLInputElement>(id).value.trim()

async function findPaths(): Promise<void> {
  const result = await api<{ paths: GraphPath[]; truncated: boolean }>('/v1/paths', {
    from: inputValue('from'),
    to: inputValue('to'),
    k: inputValue('k'),
    excludeConditional: $<HTMLInputElement>('exclude-conditional').checked,
  })
  await learnKinds(pathNodeIds(result.paths))
  setStatus(result.paths.length === 0 ? 'no path' : `${result.paths.length} path${result.paths.length === 1 ? '' : 's'}${result.truncated ? ' (bounded: more may exist)' : ''}`)
  drawPaths(result.paths)
  showPaths(result.paths)
}

$('path-form').addEventListener('submit', (event) => {
  event.preventDefault()
  void runQuery('searching…', findPaths)
})

$('blast-form').addEventListener('submit', (event) => {
  event.preventDefault()
  void runQuery('computing reach…', async () => {
    type Reached = { id: string; kind: string; name: string; classification: string | null; accessLevels: string[] | null; cost: number; path: GraphPath }
    const r = await api<{
      principals: Reached[]
      resources: Reached[]
      scopes: Reached[]
      tierZero: string[]
      totals: { principals: number; resources: number; scopes: number; tierZero: number }
      score: number
      scoreExplanation: string
      byClassification: Record<string, number>
      truncated: boolean
    }>('/v1/blast-radius', { from: inputValue('blast-from'), limit: 50 })
    const reached = [...r.resources, ...r.scopes, ...r.principals]
    for (const n of reached) knownKinds.set(n.id, n.kind)
    await learnKinds(pathNodeIds(reached.slice(0, 12).map((n) => n.path)))
    const c = r.byClassification
    setStatus(
      `score ${r.score} · ${r.totals.principals} principals, ${r.totals.resources} resources, ${r.totals.scopes} scopes · restricted ${c['restricted'] ?? 0}, confidential ${c['confidential'] ?? 0} · tier zero reached ${r.totals.tierZero}${r.truncated ? ' (bounded: more may exist)' : ''}`,
    )
    drawPaths(reached.slice(0, 12).map((n) => n.path))
    const rows = reached
      .map((n) => `<tr><td>${escape(n.kind)}</td><td><code>${escape(n.id)}</code></td><td>${escape(n.classification ?? '')}</td><td>${escape((n.accessLevels ?? []).join(', '))}</td><td>${n.cost}</td></tr>`)
      .join('')
    $('details').innerHTML =
      `<p>${escape(r.scoreExplanation)}</p><table class="reach"><caption class="visually-hidden">nodes reached</caption><thead><tr><th scope="col">Kind</th><th scope="col">Node</th><th scope="col">Classification</th><th scope="col">Access</th><th scope="col">Cost</th></tr></thead><tbody>${rows}</tbody></table>`
  })
})

$('search-form').addEventListener('submit', (event) => {
  event.preventDefault()
  void runQuery('searching nodes…', async () => {
    const page = await api<{ total: number; nodes: { id: string; kind: string; name: string; isTierZero: boolean; isExposed: boolean }[] }>('/v1/nodes', { search: inputValue('search'), limit: 50 })
    for (const n of page.nodes) knownKinds.set(n.id, n.kind)
    $('node-list').innerHTML = page.nodes.map((n) => `<option value="${escape(n.id)}">${escape(n.name)}</option>`).join('')
    setStatus(`${page.total} node${page.total === 1 ? '' : 's'}${page.total > page.nodes.length ? ` (first ${page.nodes.length} shown)` : ''}`)
    clearGraph()
    const rows = page.nodes
      .map((n) => {
        const flags = [n.isTierZero ? '<span class="flag tier0">tier zero</span>' : '', n.isExposed ? '<span class="flag exposed">exposed</span>' : ''].join(' ')
        const use = (field: string, text: string): string => `<button type="button" class="small" data-use="${field}" data-id="${escape(n.id)}" aria-label="${text} ${escape(n.id)}">${field === 'from' ? 'from' : field === 'to' ? 'to' : 'reach'}</button>`
        return `<tr><td>${escape(n.kind)}</td><td>${escape(n.name)}</td><td><code>${escape(n.id)}</code></td><td>${flags}</td><td class="use">${use('from', 'use as path start:')}${use('to', 'use as path target:')}${use('blast-from', 'use for blast radius:')}</td></tr>`
      })
      .join('')
    $('details').innerHTML = `<table class="nodes"><caption class="visually-hidden">nodes found</caption><thead><tr><th scope="col">Kind</th><th scope="col">Name</th><th scope="col">Id</th><th scope="col">Flags</th><th scope="col">Use</th></tr></thead><tbody>${rows}</tbody></table>`
  })
})

// "from / to / reach" buttons of the search results fill the query forms.
$('details').addEventListener('click', (event) => {
  const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-use]')
  if (!button) return
  const field = $<HTMLInputElement>(button.dataset['use'] ?? '')
  field.value = button.dataset['id'] ?? ''
  field.focus()
})

$('privesc').addEventListener('click', () => {
  void runQuery('looking for escalations…', async () => {
    const r = await api<{ admins: string[]; findings: { principal: string; target: string; cost: number; hops: PathHop[] }[]; truncated: boolean }>('/v1/privesc')
    setStatus(`${r.admins.length} admin${r.admins.length === 1 ? '' : 's'}, ${r.findings.length} principal${r.findings.length === 1 ? '' : 's'} can escalate${r.truncated ? ' (bounded: more may exist)' : ''}`)
    // Every finding gets its hop table; only the first few are drawn, to keep the picture readable.
    const paths: GraphPath[] = r.findings.map((f) => ({ cost: f.cost, hops: f.hops }))
    const drawn = paths.slice(0, 10)
    await learnKinds(pathNodeIds(drawn))
    drawPaths(drawn)
    showPaths(
      paths,
      r.findings.map((f) => `${f.principal} → ${f.target}`),
    )
  })
})

function renderLegend(): void {
  const legend = $('legend')
  if (drawingMode === 'svg') {
    legend.innerHTML =
      '<div><span class="swatch start"></span>start of the path</div><div><span class="swatch target"></span>target</div><div><span class="line"></span>edge</div><div><span class="line dashed"></span>edge with unresolved conditions</div>'
    return
  }
  legend.innerHTML = Object.entries(ROLE_COLOURS)
    .map(([role, colour]) => `<div><span class="dot" style="background:${colour}"></span>${escape(role)}: ${NODE_KIND_NAMES.filter((k) => NODE_KINDS[k].role === role).join(', ')}</div>`)
    .join('')
}
renderLegend()
$('graph').hidden = true

api<{ snapshots: { id: string; createdAt: string; label: string | null; nodeCount: number; edgeCount: number }[] }>('/v1/snapshots')
  .then((r) => {
    const latest = r.snapshots[0]
    const element = $('snapshot')
    element.textContent = latest
      ? `snapshot${latest.label ? ` “${latest.label}”` : ''} of ${latest.createdAt.slice(0, 16).replace('T', ' ')} UTC · ${latest.nodeCount} nodes, ${latest.edgeCount} edges`
      : 'no snapshot yet: run `crownpath ingest`'
    if (latest) element.title = latest.id
  })
  .catch((error: Error) => {
    $('snapshot').textContent = `snapshots unavailable: ${error.message}`
  })

// `?from=…&to=…` runs that path query on load (links from reports and chat).
const linkedFrom = pageParams.get('from')
const linkedTo = pageParams.get('to')
if (linkedFrom && linkedTo) {
  $<HTMLInputElement>('from').value = linkedFrom
  $<HTMLInputElement>('to').value = linkedTo
  void runQuery('searching…', findPaths)
}
