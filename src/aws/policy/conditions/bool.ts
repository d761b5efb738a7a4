/**
 * @module aws/policy/conditions/bool
 * The `Bool` condition operator.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */

import type { ConditionOperator } from './operator.js'

/** `Bool`: boolean match (`true`/`false`, any letter case). */
export const bool = {
  name: 'Bool',
  negated: false,
  glob: null,
  description: 'boolean match (`true`/`false`, any letter case)',
  compile: (policyValue) => {
    const expected = policyValue.toLowerCase()
    return (value) => value.toLowerCase() === expected
  },
} as const satisfies ConditionOperator
