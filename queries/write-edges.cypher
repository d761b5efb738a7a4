// One batch of edges of a snapshot. The relationship type is the edge kind, checked against the
// kinds table before sending (never a user string). Both endpoints must exist in the same snapshot:
// the store compares `written` with the batch size and fails the write when an endpoint is missing.
UNWIND $rows AS row
MATCH (a:CPNode {snapshot: $snapshot, id: row.from})
MATCH (b:CPNode {snapshot: $snapshot, id: row.to})
CREATE (a)-[r:$(row.kind)]->(b)
// JavaScript numbers arrive as floats: costs and positions are made integers in the same SET.
SET r = row.props, r.cost = toInteger(row.props.cost), r.ord = toInteger(row.props.ord)
RETURN count(r) AS written
