/**
 * @module aws/policy/conditions/string-not-equals
 * The `StringNotEquals` condition operator.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */

import type { ConditionOperator } from './operator.js'

/** `StringNotEquals`: negated exact, case-sensitive string match. */
export const stringNotEquals = {
  name: 'StringNotEquals',
  negated: true,
  glob: null,
  description: 'negated exact, case-sensitive string match',
  compile: (policyValue) => (value) => value === policyValue,
} as const satisfies ConditionOperator
