/**
 * @module aws/policy/conditions/null
 * The `Null` condition operator.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */

import type { ConditionOperator } from './operator.js'

/** `Null`: key absent (`true`) or present (`false`); evaluated specially by the block evaluator. */
export const null_ = {
  name: 'Null',
  negated: false,
  glob: null,
  description: 'key absent (`true`) or present (`false`); evaluated specially by the block evaluator',
  compile: (policyValue) => (value) => value === policyValue,
} as const satisfies ConditionOperator
