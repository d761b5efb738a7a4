// Nodes by exact id (the caller passes the candidate spellings of one reference, or a batch of ids).
UNWIND $ids AS wanted
MATCH (n:CPNode {snapshot: $snapshot, id: wanted})
RETURN n {.*} AS n
