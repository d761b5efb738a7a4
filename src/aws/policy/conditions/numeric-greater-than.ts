/**
 * @module aws/policy/conditions/numeric-greater-than
 * The `NumericGreaterThan` condition operator.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
import { comparing, parseNumber } from './operator.js'
import type { ConditionOperator } from './operator.js'

/** `NumericGreaterThan`: context number above the policy number. */
export const numericGreaterThan = {
  name: 'NumericGreaterThan',
  negated: false,
  glob: null,
  description: 'context number above the policy number',
  compile: comparing(parseNumber, (a, b) => a > b),
} as const satisfies ConditionOperator
