// Finds: principals and credentials with a direct CanAccess edge to one resource (set $resource to its
// id, e.g. an S3 bucket ARN), with the access levels granted and the policy behind each grant. For
// access through escalation chains use `crownpath who-can`.
MATCH (a:CPNode {snapshot: $snapshot})-[r:CanAccess]->(res:CPNode {snapshot: $snapshot, id: $resource})
RETURN a.id AS who, a.kind AS kind, r.accessLevels AS accessLevels, r.conditional AS conditional, r.evidence AS evidence
ORDER BY who
