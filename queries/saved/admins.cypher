// Finds: tier-zero principals — users, roles, groups, service principals and managed identities that are
// admin-equivalent for an AWS account or an Entra tenant / Azure scope (they hold AdminTo on a tier-zero
// scope), with the scopes they administer and the evidence (policy / assignment) behind each edge.
MATCH (p:CPNode {snapshot: $snapshot})-[r:AdminTo]->(scope:CPNode)
WHERE p.kind IN ['AWSUser', 'AWSRole', 'AWSGroup', 'AZUser', 'AZGroup', 'AZServicePrincipal', 'AZApp', 'AZManagedIdentity']
RETURN p.id AS principal, p.kind AS kind, collect(DISTINCT scope.id) AS administers, collect(r.evidence)[0..3] AS evidence
ORDER BY principal
