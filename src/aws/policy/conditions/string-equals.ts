/**
 * @module aws/policy/conditions/string-equals
 * The `StringEquals` condition operator.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */

import type { ConditionOperator } from './operator.js'

/** `StringEquals`: exact, case-sensitive string match. */
export const stringEquals = {
  name: 'StringEquals',
  negated: false,
  glob: null,
  description: 'exact, case-sensitive string match',
  compile: (policyValue) => (value) => value === policyValue,
} as const satisfies ConditionOperator
