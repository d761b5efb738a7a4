// Edges leaving the nodes whose write position lies in [$from, $to); the store sorts them by `ord`.
MATCH (a:CPNode {snapshot: $snapshot})
WHERE a.ord >= $from AND a.ord < $to
MATCH (a)-[r]->(b)
RETURN a.id AS from, b.id AS to, type(r) AS kind, r {.*} AS r
