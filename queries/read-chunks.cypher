// The chunks of one section prefix of a snapshot, in order.
MATCH (c:CPChunk {snapshot: $snapshot})
WHERE c.section STARTS WITH $prefix
RETURN c.section AS section, c.ordinal AS ordinal, c.data AS data
ORDER BY c.section, c.ordinal
