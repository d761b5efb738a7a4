/**
 * @module aws/policy/conditions/date-greater-than
 * The `DateGreaterThan` condition operator.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
import { comparing, parseDate } from './operator.js'
import type { ConditionOperator } from './operator.js'

/** `DateGreaterThan`: context date after the policy date. */
export const dateGreaterThan = {
  name: 'DateGreaterThan',
  negated: false,
  glob: null,
  description: 'context date after the policy date',
  compile: comparing(parseDate, (a, b) => a > b),
} as const satisfies ConditionOperator
