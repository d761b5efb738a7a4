// One batch of nodes of a snapshot (UNWIND: one statement per batch, never one per node).
// The second label is the node kind; the store checks every kind against the kinds table before
// sending, so the dynamic label `$(row.kind)` never carries a user string.
UNWIND $rows AS row
CREATE (n:CPNode {snapshot: $snapshot, id: row.id})
// JavaScript numbers arrive as floats: the position is made an integer in the same SET.
SET n += row.props, n:$(row.kind), n.ord = toInteger(row.props.ord)
RETURN count(n) AS written
