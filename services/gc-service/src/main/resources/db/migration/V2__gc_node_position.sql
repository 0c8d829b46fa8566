-- Where in pinfold.nodes each node's last applied record sits. Node events are applied in topic order (a newer
-- offset of the same partition wins), never by ce_time; the row outlives a tombstone so that a redelivered older
-- record cannot bring a removed node back.
CREATE TABLE gc_node_position (
    node_id         TEXT PRIMARY KEY,
    kafka_partition INTEGER NOT NULL,
    kafka_offset    BIGINT  NOT NULL
);
