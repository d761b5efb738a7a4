// Delete one batch of a snapshot's chunks; called until it deletes none.
MATCH (c:CPChunk {snapshot: $snapshot})
WITH c LIMIT toInteger($batch)
DELETE c
RETURN count(*) AS deleted
