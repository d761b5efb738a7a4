/**
 * @module aws/policy/conditions/date-equals
 * The `DateEquals` condition operator.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
import { comparing, parseDate } from './operator.js'
import type { ConditionOperator } from './operator.js'

/** `DateEquals`: same instant. */
export const dateEquals = {
  name: 'DateEquals',
  negated: false,
  glob: null,
  description: 'same instant',
  compile: comparing(parseDate, (a, b) => a === b),
} as const satisfies ConditionOperator
