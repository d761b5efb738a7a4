/**
 * @module aws/policy/conditions/date-less-than
 * The `DateLessThan` condition operator.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
import { comparing, parseDate } from './operator.js'
import type { ConditionOperator } from './operator.js'

/** `DateLessThan`: context date before the policy date. */
export const dateLessThan = {
  name: 'DateLessThan',
  negated: false,
  glob: null,
  description: 'context date before the policy date',
  compile: comparing(parseDate, (a, b) => a < b),
} as const satisfies ConditionOperator
