/**
 * @module aws/policy/conditions/date-not-equals
 * The `DateNotEquals` condition operator.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
import { comparing, parseDate } from './operator.js'
import type { ConditionOperator } from './operator.js'

/** `DateNotEquals`: different instant. */
export const dateNotEquals = {
  name: 'DateNotEquals',
  negated: true,
  glob: null,
  description: 'different instant',
  compile: comparing(parseDate, (a, b) => a === b),
} as const satisfies ConditionOperator
