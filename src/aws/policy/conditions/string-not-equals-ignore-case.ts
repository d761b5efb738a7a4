/**
 * @module aws/policy/conditions/string-not-equals-ignore-case
 * The `StringNotEqualsIgnoreCase` condition operator.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */

import type { ConditionOperator } from './operator.js'

/** `StringNotEqualsIgnoreCase`: negated string match ignoring case. */
export const stringNotEqualsIgnoreCase = {
  name: 'StringNotEqualsIgnoreCase',
  negated: true,
  glob: null,
  description: 'negated string match ignoring case',
  compile: (policyValue) => {
    const expected = policyValue.toLowerCase()
    return (value) => value.toLowerCase() === expected
  },
} as const satisfies ConditionOperator
