// One page of a snapshot's nodes by id, filtered. Every filter is a parameter; null means "any".
// `search` is matched case-insensitively against id and name (the store lower-cases it).
MATCH (n:CPNode {snapshot: $snapshot})
WHERE ($kind IS NULL OR n.kind = $kind)
  AND ($provider IS NULL OR n.provider = $provider)
  AND ($isTierZero IS NULL OR n.isTierZero = $isTierZero)
  AND ($search IS NULL OR toLower(n.id) CONTAINS $search OR toLower(n.name) CONTAINS $search)
WITH n ORDER BY n.id
WITH collect(n) AS matching
RETURN size(matching) AS total, [x IN matching[toInteger($offset)..toInteger($offset + $limit)] | x {.*}] AS nodes
