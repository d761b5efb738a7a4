/**
 * @module bench/growth
 * How edge derivation grows from one scale to the next (S → M → L): the ratio
 * of each size and of the derivation time, and the exponent that relates them
 * (derive time ∝ sizeᵏ: k ≈ 1 is linear, k ≈ 2 quadratic). DESIGN.md asks for
 * derivation near-linear in policy statements, not quadratic in principals;
 * this table is where a reader sees it, one run at a time.
 */

/** The figures of one scale the growth table reads. */
export interface GrowthInput {
  readonly scale: string
  readonly principals: number
  /** Customer-managed plus inline policies. */
  readonly policies: number
  readonly edges: number
  readonly deriveMs: number
}

/** Growth from one scale to the next larger one. */
export interface GrowthStep {
  readonly from: string
  readonly to: string
  readonly principalsRatio: number
  readonly policiesRatio: number
  readonly edgesRatio: number
  readonly deriveRatio: number
  /** k in derive time ∝ policiesᵏ over this step. */
  readonly exponentByPolicies: number
  /** k in derive time ∝ edgesᵏ over this step. */
  readonly exponentByEdges: number
}

const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits

/** The exponent k with `after / before = (sizeAfter / sizeBefore)ᵏ`; NaN when the size did not grow. */
export function growthExponent(sizeRatio: number, timeRatio: number): number {
  return sizeRatio > 1 && timeRatio > 0 ? Math.log(timeRatio) / Math.log(sizeRatio) : Number.NaN
}

/** Steps between consecutive scales, smallest first (by principals); fewer than two scales give none. */
export function growthSteps(scales: readonly GrowthInput[]): GrowthStep[] {
  const ordered = [...scales].sort((a, b) => a.principals - b.principals)
  const steps: GrowthStep[] = []
  for (let i = 1; i < ordered.length; i++) {
    const a = ordered[i - 1] as GrowthInput
    const b = ordered[i] as GrowthInput
    const policiesRatio = b.policies / a.policies
    const edgesRatio = b.edges / a.edges
    const deriveRatio = b.deriveMs / a.deriveMs
    steps.push({
      from: a.scale,
      to: b.scale,
      principalsRatio: round(b.principals / a.principals, 2),
      policiesRatio: round(policiesRatio, 2),
      edgesRatio: round(edgesRatio, 2),
      deriveRatio: round(deriveRatio, 2),
      exponentByPolicies: round(growthExponent(policiesRatio, deriveRatio), 2),
      exponentByEdges: round(growthExponent(edgesRatio, deriveRatio), 2),
    })
  }
  return steps
}
