// Delete one batch of a snapshot's nodes with their relationships; called until it deletes none.
MATCH (n:CPNode {snapshot: $snapshot})
WITH n LIMIT toInteger($batch)
DETACH DELETE n
RETURN count(*) AS deleted
