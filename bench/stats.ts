/**
 * @module bench/stats
 * The bench's summaries of repeated measurements, and how its modules tell
 * that they were started as a script.
 */

/**
 * The `p`-th percentile of ascending `sorted`: always one of the measured
 * values (the median of an even count is the upper middle), 0 for none.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

/**
 * A run's wall time in units of the machine probe's time, to two places ('—'
 * without a probe time): on a shared machine whose speed swings by half, this
 * is what compares runs made at different moments.
 */
export function probeRatio(wallMs: number, probeMs: number): string {
  return probeMs > 0 ? (wallMs / probeMs).toFixed(2) : '—'
}

/** True when the module at `moduleUrl` is the script Node was started with (`node dist/bench/x.js …`). */
export function isRunAsScript(moduleUrl: string): boolean {
  const script = process.argv[1]
  // Whole file names: a suffix test would take `scale-run.js` for `run.js`.
  return script !== undefined && fileName(moduleUrl) === fileName(script.replace(/\\/g, '/'))
}

function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}
