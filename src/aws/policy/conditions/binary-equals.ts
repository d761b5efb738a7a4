/**
 * @module aws/policy/conditions/binary-equals
 * The `BinaryEquals` condition operator.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */

import type { ConditionOperator } from './operator.js'

/** `BinaryEquals`: base64-encoded bytes equal. */
export const binaryEquals = {
  name: 'BinaryEquals',
  negated: false,
  glob: null,
  description: 'base64-encoded bytes equal',
  compile: (policyValue) => {
    // Compare the encoded text without padding or whitespace differences.
    const norm = (v: string): string => v.replace(/\s+/g, '').replace(/=+$/, '')
    const expected = norm(policyValue)
    return (value) => norm(value) === expected
  },
} as const satisfies ConditionOperator
