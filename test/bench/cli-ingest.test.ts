import { describe, expect, it } from 'vitest'
import { meanProbe, summariseCliIngest } from '../../bench/cli-ingest.js'
import { probeWorkload } from '../../bench/machine-probe.js'
import { isRunAsScript, percentile, probeRatio } from '../../bench/stats.js'

describe('bench: summaries of repeated runs', () => {
  it('states a run in units of the machine probe, and not at all without a probe time', () => {
    expect(probeRatio(9_593, 1_207)).toBe('7.95')
    expect(probeRatio(17_372, 2_492)).toBe('6.97')
    expect(probeRatio(9_593, 0)).toBe('—')
  })

  it('takes percentiles from the measured values, never an average nobody measured', () => {
    expect(percentile([1, 5, 9], 50)).toBe(5)
    expect(percentile([4, 6, 8, 10], 50)).toBe(8)
    expect(percentile([7], 99)).toBe(7)
    expect(percentile([], 50)).toBe(0)
  })

  it('reports min and median wall time of the cold CLI runs, in any order, and the largest peak RSS', () => {
    const summary = summariseCliIngest([
      { wallMs: 12_000, cpuMs: 17_000, peakRssMiB: 990, probeMs: 1_400, probeBeforeMs: 1_300, probeAfterMs: 1_500 },
      { wallMs: 9_500, cpuMs: 14_000, peakRssMiB: 1_010, probeMs: 1_100, probeBeforeMs: 1_100, probeAfterMs: 1_100 },
      { wallMs: 10_400, cpuMs: 15_000, peakRssMiB: 1_000, probeMs: 1_200, probeBeforeMs: 1_250, probeAfterMs: 1_150 },
    ])
    expect(summary.minMs).toBe(9_500)
    expect(summary.medianMs).toBe(10_400)
    expect(summary.maxPeakRssMiB).toBe(1_010)
    expect(summary.runs).toHaveLength(3)
  })

  it('compares a run with the mean of the probes before and after it', () => {
    // Like session 9's 16:25 run (probe 2,008 ms before, 18,464 ms wall): had the probe read 2,900 ms after it, 7.52 rather than 9.20.
    expect(meanProbe(2_008, 2_900)).toBe(2_454)
    expect(probeRatio(18_464, meanProbe(2_008, 2_900))).toBe('7.52')
    expect(meanProbe(1_207, 1_208)).toBe(1_208)
  })

  it('the machine probe does the same work every time (its checksum, worked out by hand for ten records)', () => {
    // costs i % 4 over 0..9 sum to 13, statements i % 7 to 24, plus the 10 records sorted.
    expect(probeWorkload(10)).toBe(47)
    expect(probeWorkload(1_000)).toBe(probeWorkload(1_000))
  })
})

describe('bench: which module was started as the script', () => {
  it('matches the whole file name, so `run.js` does not start `scale-run.js` (negative) but does start itself', () => {
    const argv1 = process.argv[1]
    try {
      process.argv[1] = '/home/me/crownpath/dist/bench/run.js'
      expect(isRunAsScript('file:///home/me/crownpath/dist/bench/scale-run.js')).toBe(false)
      expect(isRunAsScript('file:///home/me/crownpath/dist/bench/run.js')).toBe(true)
    } finally {
      process.argv[1] = argv1 as string
    }
  })
})
