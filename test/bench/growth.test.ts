import { describe, expect, it } from 'vitest'
import { growthExponent, growthSteps } from '../../bench/growth.js'

describe('growthExponent', () => {
  it('is 1 when time grows as the size does, 2 when it grows as its square', () => {
    expect(growthExponent(10, 10)).toBeCloseTo(1, 10)
    expect(growthExponent(10, 100)).toBeCloseTo(2, 10)
    expect(growthExponent(4, 2)).toBeCloseTo(0.5, 10)
  })

  it('has no value when the size did not grow', () => {
    expect(growthExponent(1, 3)).toBeNaN()
  })
})

describe('growthSteps', () => {
  const scale = (name: string, principals: number, policies: number, edges: number, deriveMs: number) => ({ scale: name, principals, policies, edges, deriveMs })

  it('pairs consecutive scales by size, whatever order they ran in', () => {
    const steps = growthSteps([scale('L', 100_000, 500_000, 2_000_000, 64_000), scale('S', 1_000, 5_000, 20_000, 400), scale('M', 10_000, 50_000, 200_000, 4_000)])
    expect(steps.map((s) => `${s.from}→${s.to}`)).toEqual(['S→M', 'M→L'])
    // 10× the policies in 10× the time (S→M) is linear; 10× in 16× (M→L) is k = log 16 / log 10.
    expect(steps[0]).toMatchObject({ principalsRatio: 10, policiesRatio: 10, edgesRatio: 10, deriveRatio: 10, exponentByPolicies: 1, exponentByEdges: 1 })
    expect(steps[1]).toMatchObject({ deriveRatio: 16, exponentByPolicies: 1.2 })
  })

  it('gives no step for a single scale', () => {
    expect(growthSteps([scale('M', 10_000, 50_000, 200_000, 4_000)])).toEqual([])
  })
})
