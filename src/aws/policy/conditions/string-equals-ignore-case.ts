/**
 * @module aws/policy/conditions/string-equals-ignore-case
 * The `StringEqualsIgnoreCase` condition operator.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */

import type { ConditionOperator } from './operator.js'

/** `StringEqualsIgnoreCase`: exact string match ignoring case. */
export const stringEqualsIgnoreCase = {
  name: 'StringEqualsIgnoreCase',
  negated: false,
  glob: null,
  description: 'exact string match ignoring case',
  compile: (policyValue) => {
    const expected = policyValue.toLowerCase()
    return (value) => value.toLowerCase() === expected
  },
} as const satisfies ConditionOperator
