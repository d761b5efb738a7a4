/**
 * @module aws/policy/conditions/date-greater-than-equals
 * The `DateGreaterThanEquals` condition operator.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
import { comparing, parseDate } from './operator.js'
import type { ConditionOperator } from './operator.js'

/** `DateGreaterThanEquals`: context date at or after the policy date. */
export const dateGreaterThanEquals = {
  name: 'DateGreaterThanEquals',
  negated: false,
  glob: null,
  description: 'context date at or after the policy date',
  compile: comparing(parseDate, (a, b) => a >= b),
} as const satisfies ConditionOperator
