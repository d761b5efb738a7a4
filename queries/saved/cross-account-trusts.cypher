// Finds: role trusts that cross an AWS account boundary — principals of one account (or an external
// OIDC identity) that can assume a role in another account — with the trust policy that allows it.
// Conditional edges (conditions not resolvable offline, e.g. sts:ExternalId) are flagged.
MATCH (a:CPNode {snapshot: $snapshot})-[r:CanAssume]->(role:CPNode:AWSRole)
WHERE a.account IS NULL OR a.account <> role.account
RETURN a.id AS source, a.kind AS sourceKind, a.account AS sourceAccount, role.id AS role, role.account AS roleAccount,
       r.conditional AS conditional, r.evidence AS evidence
ORDER BY roleAccount, role, source
