/**
 * @module aws/policy/conditions/ip-address
 * The `IpAddress` condition operator.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
import { cidrTest } from './operator.js'
import type { ConditionOperator } from './operator.js'

/** `IpAddress`: source address inside the IPv4 or IPv6 CIDR. */
export const ipAddress = {
  name: 'IpAddress',
  negated: false,
  glob: null,
  description: 'source address inside the IPv4 or IPv6 CIDR',
  compile: cidrTest,
} as const satisfies ConditionOperator
