// The admins: principals that are tier zero themselves.
MATCH (n:CPNode {snapshot: $snapshot})
WHERE n.isTierZero = true AND n.kind IN $principalKinds
RETURN n.id AS id
ORDER BY id
