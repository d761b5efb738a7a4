/**
 * @module aws/policy/conditions/date-less-than-equals
 * The `DateLessThanEquals` condition operator.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
import { comparing, parseDate } from './operator.js'
import type { ConditionOperator } from './operator.js'

/** `DateLessThanEquals`: context date at or before the policy date. */
export const dateLessThanEquals = {
  name: 'DateLessThanEquals',
  negated: false,
  glob: null,
  description: 'context date at or before the policy date',
  compile: comparing(parseDate, (a, b) => a <= b),
} as const satisfies ConditionOperator
