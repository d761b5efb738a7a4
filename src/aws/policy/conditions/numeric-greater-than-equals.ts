/**
 * @module aws/policy/conditions/numeric-greater-than-equals
 * The `NumericGreaterThanEquals` condition operator.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
import { comparing, parseNumber } from './operator.js'
import type { ConditionOperator } from './operator.js'

/** `NumericGreaterThanEquals`: context number at least the policy number. */
export const numericGreaterThanEquals = {
  name: 'NumericGreaterThanEquals',
  negated: false,
  glob: null,
  description: 'context number at least the policy number',
  compile: comparing(parseNumber, (a, b) => a >= b),
} as const satisfies ConditionOperator
