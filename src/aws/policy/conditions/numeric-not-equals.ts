/**
 * @module aws/policy/conditions/numeric-not-equals
 * The `NumericNotEquals` condition operator.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
import { comparing, parseNumber } from './operator.js'
import type { ConditionOperator } from './operator.js'

/** `NumericNotEquals`: numbers differ. */
export const numericNotEquals = {
  name: 'NumericNotEquals',
  negated: true,
  glob: null,
  description: 'numbers differ',
  compile: comparing(parseNumber, (a, b) => a === b),
} as const satisfies ConditionOperator
