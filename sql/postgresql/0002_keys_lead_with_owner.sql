-- Every key leads with owner_id, so the owner can be the shard key (Citus, or PostgreSQL's own
-- PARTITION BY HASH): a distributed table may only have primary, unique and foreign keys that
-- include its distribution column. The idempotency key (owner_id, client_reference) already did.
--
-- Order ids stay unique without a key on order_id alone: the app makes them as UUIDv7 (48 bits of
-- milliseconds and 74 random bits per id), so two equal ids are as unlikely as a 74-bit collision
-- within one millisecond. Every statement reads an order through its owner, so even such a
-- collision between two owners would be invisible; within one owner pk_orders refuses it. A unique
-- index on order_id alone would work on one node but not on Citus (no unique key without the shard
-- key), so the schema has none on any database: one schema, one set of statements.
--
-- Converted in place, in this script's one transaction: the lines take their owner from their order,
-- then the keys are rebuilt. The tables are locked (ACCESS EXCLUSIVE) until it commits.

ALTER TABLE order_lines ADD COLUMN owner_id varchar(255);

UPDATE order_lines l
SET owner_id = o.owner_id
FROM orders o
WHERE o.order_id = l.order_id;

ALTER TABLE order_lines ALTER COLUMN owner_id SET NOT NULL;

ALTER TABLE order_lines DROP CONSTRAINT fk_order_lines_orders;
ALTER TABLE order_lines DROP CONSTRAINT pk_order_lines;
ALTER TABLE orders DROP CONSTRAINT pk_orders;

ALTER TABLE orders ADD CONSTRAINT pk_orders PRIMARY KEY (owner_id, order_id);
ALTER TABLE order_lines ADD CONSTRAINT pk_order_lines PRIMARY KEY (owner_id, order_id, line_number);

-- On a Citus coordinator (the citus extension is installed in this database), both tables are
-- sharded by owner and co-located: an order and its lines live in the same shard, so a create, a
-- lookup and a listing each run on one worker. Citus's own defaults apply (citus.shard_count,
-- 32 shards per table unless the operator set another). Anywhere else nothing happens.
-- Idempotent on its own as well: a table Citus already knows is left alone.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        -- Separate IF: pg_dist_partition exists only where Citus is installed.
        IF NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'orders'::regclass) THEN
            PERFORM create_distributed_table('orders', 'owner_id');
            -- The rows now live in the shards; the coordinator's own copy would only take disk.
            PERFORM truncate_local_data_after_distributing_table('orders');
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'order_lines'::regclass) THEN
            PERFORM create_distributed_table('order_lines', 'owner_id', colocate_with => 'orders');
            PERFORM truncate_local_data_after_distributing_table('order_lines');
        END IF;
    END IF;
END
$$;

-- After the distribution: Citus distributes a table only while no local table refers to it, and
-- then creates the key on every pair of co-located shards.
ALTER TABLE order_lines ADD CONSTRAINT fk_order_lines_orders
    FOREIGN KEY (owner_id, order_id) REFERENCES orders (owner_id, order_id);
