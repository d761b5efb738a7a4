/**
 * @module aws/policy/conditions/arn-like
 * The `ArnLike` condition operator.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
import { arnGlob } from './operator.js'
import type { ConditionOperator } from './operator.js'

/** `ArnLike`: ARN match, wildcards per segment. */
export const arnLike = {
  name: 'ArnLike',
  negated: false,
  glob: 'arn',
  description: 'ARN match, wildcards per segment',
  compile: arnGlob,
} as const satisfies ConditionOperator
