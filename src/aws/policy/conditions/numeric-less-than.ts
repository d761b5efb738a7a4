/**
 * @module aws/policy/conditions/numeric-less-than
 * The `NumericLessThan` condition operator.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
import { comparing, parseNumber } from './operator.js'
import type { ConditionOperator } from './operator.js'

/** `NumericLessThan`: context number below the policy number. */
export const numericLessThan = {
  name: 'NumericLessThan',
  negated: false,
  glob: null,
  description: 'context number below the policy number',
  compile: comparing(parseNumber, (a, b) => a < b),
} as const satisfies ConditionOperator
