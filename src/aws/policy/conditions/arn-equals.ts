/**
 * @module aws/policy/conditions/arn-equals
 * The `ArnEquals` condition operator.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
import { arnGlob } from './operator.js'
import type { ConditionOperator } from './operator.js'

/** `ArnEquals`: ARN match, wildcards per segment (same as ArnLike). */
export const arnEquals = {
  name: 'ArnEquals',
  negated: false,
  glob: 'arn',
  description: 'ARN match, wildcards per segment (same as ArnLike)',
  compile: arnGlob,
} as const satisfies ConditionOperator
