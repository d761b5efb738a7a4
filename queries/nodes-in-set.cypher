// Members of a named node set (selectors `exposed`, `tier0`, `crown-jewels`, `kind:<Kind>`, `tag:<k>=<v>`).
// $set picks the branch; `tagIndex` holds `<lower-case key>=<value>` (tag keys compare case-insensitively).
MATCH (n:CPNode {snapshot: $snapshot})
WHERE ($set = 'exposed' AND n.isExposed = true)
   OR ($set = 'tier0' AND n.isTierZero = true)
   OR ($set = 'crown-jewels' AND n.kind IN $resourceKinds AND n.classification IN ['restricted', 'confidential'])
   OR ($set = 'kind' AND n.kind = $kind)
   OR ($set = 'tag' AND $tag IN n.tagIndex)
RETURN n.id AS id
ORDER BY id
