/**
 * @module bench/rusage-preload
 * Loaded with `node --import` into a process the bench times: when the
 * process exits it writes its own `process.resourceUsage()` (peak RSS, CPU of
 * all its threads) as JSON to the file named by {@link RUSAGE_FILE_VARIABLE}.
 */
import { writeFileSync } from 'node:fs'

/** The environment variable naming the file to write. */
export const RUSAGE_FILE_VARIABLE = 'CROWNPATH_BENCH_RUSAGE_FILE'

const file = process.env[RUSAGE_FILE_VARIABLE]
if (file) process.on('exit', () => writeFileSync(file, JSON.stringify(process.resourceUsage())))
