import { describe, expect, it } from 'vitest'
import { medianOf, summariseCliIngest } from '../../bench/cli-ingest.js'

describe('bench: cold CLI ingest summary', () => {
  it('takes the lower middle of an even count, never an average nobody measured', () => {
    expect(medianOf([9, 1, 5])).toBe(5)
    expect(medianOf([4, 10, 6, 8])).toBe(6)
    expect(medianOf([7])).toBe(7)
  })

  it('reports min and median wall time and the largest peak RSS over the runs', () => {
    const summary = summariseCliIngest([
      { wallMs: 12_000, cpuMs: 17_000, peakRssMiB: 990 },
      { wallMs: 9_500, cpuMs: 14_000, peakRssMiB: 1_010 },
      { wallMs: 10_400, cpuMs: 15_000, peakRssMiB: 1_000 },
    ])
    expect(summary.minMs).toBe(9_500)
    expect(summary.medianMs).toBe(10_400)
    expect(summary.maxPeakRssMiB).toBe(1_010)
    expect(summary.runs).toHaveLength(3)
  })
})
