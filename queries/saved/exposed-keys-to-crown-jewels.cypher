// Finds: leaked credentials (access keys, client secrets, federated credentials flagged by a secret
// scanner) that reach a crown jewel — a resource classified restricted or confidential — within 8 hops,
// with the fewest-hop chain per (credential, resource). Hop count, not cost: crownpath's `path` command
// ranks by cost.
MATCH (k:CPNode {snapshot: $snapshot, isExposed: true})
MATCH p = SHORTEST 1 (k)-[*1..8]->(j:CPNode)
WHERE j.classification IN ['restricted', 'confidential'] AND j.kind IN ['AWSResource', 'AZResource']
RETURN k.id AS credential, j.id AS crownJewel, j.classification AS classification, length(p) AS hops,
       [n IN nodes(p) | n.id] AS chain, [r IN relationships(p) | type(r)] AS steps
ORDER BY classification DESC, hops, credential
