// Nodes of a snapshot whose write position lies in [$from, $to), in write order.
MATCH (n:CPNode {snapshot: $snapshot})
WHERE n.ord >= $from AND n.ord < $to
RETURN n {.*} AS n
ORDER BY n.ord
