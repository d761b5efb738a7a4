// Ids of the nodes with this exact name (a selector that is not an id).
MATCH (n:CPNode {snapshot: $snapshot, name: $name})
RETURN n.id AS id
ORDER BY id
