// Start writing a snapshot: a CPSnapshot node with complete = false, invisible to every read until
// snapshot-complete sets it. `seq` (from one counter node) orders snapshots of the same millisecond.
MERGE (c:CPCounter {name: 'snapshot'})
SET c.value = coalesce(c.value, 0) + 1
CREATE (s:CPSnapshot {id: $id, createdAt: $createdAt, label: $label, seq: c.value, complete: false, startedAt: $startedAt})
RETURN s.seq AS seq
