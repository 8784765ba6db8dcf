-- The transactional outbox of order events (docs/operations.md, "Order events"). A create writes its
-- order.placed row in the order's own transaction, so the row exists exactly when the order does;
-- the relay claims pending rows with FOR UPDATE SKIP LOCKED (competing relays skip each other's
-- rows), publishes them to RabbitMQ and sets published_at; rows published longer ago than the
-- retention period are deleted. Keys lead with owner_id, as the orders' keys do (0002).
CREATE TABLE order_events (
    owner_id      varchar(255) NOT NULL,
    event_id      uuid         NOT NULL,   -- UUIDv7 made by the app; the message-id consumers deduplicate by
    order_id      uuid         NOT NULL,
    event_type    varchar(50)  NOT NULL,
    payload       json         NOT NULL,   -- the message body, kept as written (jsonb would reorder keys)
    occurred_at   timestamptz  NOT NULL,   -- the order's created_at
    published_at  timestamptz  NULL,       -- when the broker confirmed it; NULL while pending
    CONSTRAINT pk_order_events PRIMARY KEY (owner_id, event_id),
    -- One event of a type per order, whatever happens to a unit of work.
    CONSTRAINT uq_order_events_order_type UNIQUE (owner_id, order_id, event_type),
    CONSTRAINT ck_order_events_type CHECK (event_type IN ('order.placed'))
);

-- What the relay claims, oldest first; only pending rows are in it, so it stays small.
CREATE INDEX ix_order_events_pending ON order_events (occurred_at, event_id) WHERE published_at IS NULL;

-- What the retention sweep deletes.
CREATE INDEX ix_order_events_published ON order_events (published_at) WHERE published_at IS NOT NULL;

-- On a Citus coordinator the events are sharded by owner and co-located with the orders (0002), so
-- a create's three statements still commit on one worker. Anywhere else nothing happens; a table
-- Citus already knows is left alone.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        -- Separate IF: pg_dist_partition exists only where Citus is installed.
        IF NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'order_events'::regclass) THEN
            PERFORM create_distributed_table('order_events', 'owner_id', colocate_with => 'orders');
        END IF;
    END IF;
END
$$;
