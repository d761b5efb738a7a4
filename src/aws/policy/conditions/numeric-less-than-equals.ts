/**
 * @module aws/policy/conditions/numeric-less-than-equals
 * The `NumericLessThanEquals` condition operator.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
import { comparing, parseNumber } from './operator.js'
import type { ConditionOperator } from './operator.js'

/** `NumericLessThanEquals`: context number at most the policy number. */
export const numericLessThanEquals = {
  name: 'NumericLessThanEquals',
  negated: false,
  glob: null,
  description: 'context number at most the policy number',
  compile: comparing(parseNumber, (a, b) => a <= b),
} as const satisfies ConditionOperator
