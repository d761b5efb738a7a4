// Opaque chunks of a snapshot (the inventory and the data issues), gzip'd JSON in base64.
UNWIND $rows AS row
CREATE (c:CPChunk {snapshot: $snapshot, section: row.section, ordinal: toInteger(row.ordinal), data: row.data})
RETURN count(c) AS written
