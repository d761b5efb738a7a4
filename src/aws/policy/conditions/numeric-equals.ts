/**
 * @module aws/policy/conditions/numeric-equals
 * The `NumericEquals` condition operator.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
import { comparing, parseNumber } from './operator.js'
import type { ConditionOperator } from './operator.js'

/** `NumericEquals`: numbers equal. */
export const numericEquals = {
  name: 'NumericEquals',
  negated: false,
  glob: null,
  description: 'numbers equal',
  compile: comparing(parseNumber, (a, b) => a === b),
} as const satisfies ConditionOperator
