/**
 * @module cli/progress
 * Progress reporters for the CLI: a redrawn bar on a terminal, one JSON line
 * per event on stderr otherwise (so CI logs and `--format json` pipelines
 * stay machine-readable and stdout stays clean).
 */
import type { ProgressFields, ProgressReporter } from '../model/index.js'

const BAR_WIDTH = 24

/** A bar redrawn in place on a TTY. */
export function createTtyProgress(write: (text: string) => void): ProgressReporter {
  let current = ''
  let isBarShown = false
  const clearBar = (): void => {
    if (isBarShown) write('\r\u001b[2K')
    isBarShown = false
  }
  return {
    step(message) {
      clearBar()
      current = message
      write(`${message}\n`)
    },
    tick(done, total) {
      const ratio = total > 0 ? Math.min(1, done / total) : 0
      const filled = Math.round(ratio * BAR_WIDTH)
      write(`\r\u001b[2K[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${Math.round(ratio * 100)}% ${current} (${done}/${total})`)
      isBarShown = true
    },
    done(message) {
      clearBar()
      if (message) write(`${message}\n`)
    },
  }
}

/**
 * JSON lines (`{"time","level","msg",...fields}`) for non-terminals. Ticks are
 * thinned to every 10 % so a large ingest does not flood the log.
 */
export function createJsonProgress(write: (text: string) => void, now: () => Date = () => new Date()): ProgressReporter {
  let step = ''
  let lastDecile = -1
  const emit = (msg: string, fields: ProgressFields = {}): void => {
    write(`${JSON.stringify({ time: now().toISOString(), level: 'info', msg, ...fields })}\n`)
  }
  return {
    step(message, fields) {
      step = message
      lastDecile = -1
      emit(message, fields)
    },
    tick(done, total) {
      const decile = total > 0 ? Math.floor((done / total) * 10) : 0
      if (decile === lastDecile) return
      lastDecile = decile
      emit(step, { done, total })
    },
    done(message, fields) {
      if (message) emit(message, fields)
    },
  }
}
