// Finds: non-admin principals that can escalate to tier zero (an account, tenant, subscription,
// management group or resource group) within 6 hops, with the fewest-hop chain and the techniques used.
MATCH (a:CPNode {snapshot: $snapshot})
WHERE a.isTierZero = false AND a.kind IN ['AWSUser', 'AWSRole', 'AWSGroup', 'AZUser', 'AZGroup', 'AZServicePrincipal', 'AZApp', 'AZManagedIdentity']
MATCH p = SHORTEST 1 (a)-[*1..6]->(t:CPNode {isTierZero: true})
RETURN a.id AS principal, t.id AS tierZero, length(p) AS hops,
       [r IN relationships(p) | coalesce(r.technique, type(r))] AS techniques
ORDER BY hops, principal
