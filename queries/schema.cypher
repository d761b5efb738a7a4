// crownpath schema: constraints and indexes, run on store start (each statement is idempotent).
// Statements are separated by lines holding only `;`.
// INVARIANT (snapshot-identity): a node is identified by (snapshot, id); the same cloud object in two
// snapshots is two nodes, so a snapshot never changes after it is complete.
CREATE CONSTRAINT cp_snapshot_id IF NOT EXISTS FOR (s:CPSnapshot) REQUIRE s.id IS UNIQUE
;
CREATE CONSTRAINT cp_node_key IF NOT EXISTS FOR (n:CPNode) REQUIRE (n.snapshot, n.id) IS UNIQUE
;
CREATE INDEX cp_node_ord IF NOT EXISTS FOR (n:CPNode) ON (n.snapshot, n.ord)
;
CREATE INDEX cp_node_name IF NOT EXISTS FOR (n:CPNode) ON (n.snapshot, n.name)
;
CREATE INDEX cp_node_kind IF NOT EXISTS FOR (n:CPNode) ON (n.snapshot, n.kind)
;
CREATE INDEX cp_chunk IF NOT EXISTS FOR (c:CPChunk) ON (c.snapshot, c.section, c.ordinal)
