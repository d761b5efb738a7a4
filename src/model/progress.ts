/**
 * @module model/progress
 * The progress-reporting contract long operations (ingest, reports) accept,
 * so libraries report progress without knowing whether a terminal, a log
 * file or nobody is listening.
 */

/** Structured fields attached to a progress line (counts, file names; never secrets). */
export type ProgressFields = Readonly<Record<string, string | number | boolean | null>>

/** Receives progress from a long operation. Implementations must be cheap to call often. */
export interface ProgressReporter {
  /** A new step begins (`reading auth details`, `deriving edges`). */
  step(message: string, fields?: ProgressFields): void
  /** Progress within the current step: `done` of `total` units. */
  tick(done: number, total: number): void
  /** The operation finished (successfully or not); closes any bar. */
  done(message?: string, fields?: ProgressFields): void
}

/** A reporter that discards everything (library and test default). */
export const SILENT_PROGRESS: ProgressReporter = {
  step: () => undefined,
  tick: () => undefined,
  done: () => undefined,
}
