/**
 * @module techniques/technique
 * The shape of an escalation technique: a declarative descriptor (what it
 * needs, what it gains, how to explain and fix it) plus a pure detector.
 */
import type { EdgeInput, EdgeKind, Provider } from '../model/index.js'

/** What the attacker obtains (see shared/aws-techniques.md "Gain"). */
export type TechniqueGain = 'self' | 'credentials' | 'assume' | 'execute' | 'admin' | 'access' | 'membership' | 'ownership'

/** One permission a technique needs. */
export interface TechniqueRequirement {
  /** `iam:PutRolePolicy`, or an Azure action / Entra role / Graph permission. */
  readonly action: string
  /** What the action is authorised against: `target`, `self`, `*`, a resource type (`role`, `function`, ...). */
  readonly on: string
  /** Condition context the detector sets when it asks (e.g. `iam:PassedToService=lambda.amazonaws.com`). */
  readonly context?: string
}

/** Help text in BloodHound's four parts, plus the fix. */
export interface TechniqueText {
  readonly general: string
  readonly abuse: string
  readonly opsec: string
  readonly remediation: string
  readonly references: readonly string[]
}

/**
 * A technique. `Ctx` is the provider's detection context (an index over the
 * inventory and the evaluator), never a graph store.
 */
export interface Technique<Ctx> {
  /** `<provider>/<name>`, equal to the file path under src/techniques. */
  readonly id: string
  readonly provider: Provider
  readonly edgeKind: EdgeKind
  readonly title: string
  readonly gain: TechniqueGain
  readonly requires: readonly TechniqueRequirement[]
  /** Edge cost before the conditional penalty; noisy or slow techniques cost more. */
  readonly cost: number
  /** Ids of the same technique in public catalogues (pathfinding.cloud, PMapper, Pacu, BloodHound, ...). */
  readonly seeAlso: Readonly<Record<string, string>>
  readonly text: TechniqueText
  /** Pure: the edges this technique creates in the inventory described by `ctx`. */
  readonly detect: (ctx: Ctx) => Iterable<EdgeInput>
}
