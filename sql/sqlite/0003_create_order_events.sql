-- The transactional outbox of order events (docs/operations.md, "Order events"). A create writes its
-- order.placed row in the order's own transaction, so the row exists exactly when the order does;
-- the relay publishes it to RabbitMQ and sets published_at; rows published longer ago than the
-- retention period are deleted. Keys lead with owner_id, as the orders' keys do.
-- payload is the message body, exactly the JSON the API returns for the order.
CREATE TABLE order_events (
    owner_id      TEXT NOT NULL,
    event_id      TEXT NOT NULL,   -- UUIDv7 made by the app; the message-id consumers deduplicate by
    order_id      TEXT NOT NULL,
    event_type    TEXT NOT NULL,
    payload       TEXT NOT NULL,
    occurred_at   TEXT NOT NULL,   -- UTC, the order's created_at
    published_at  TEXT NULL,       -- UTC, when the broker confirmed it; NULL while pending
    CONSTRAINT pk_order_events PRIMARY KEY (owner_id, event_id),
    -- One event of a type per order, whatever happens to a unit of work.
    CONSTRAINT uq_order_events_order_type UNIQUE (owner_id, order_id, event_type),
    CONSTRAINT ck_order_events_type CHECK (event_type IN ('order.placed')),
    CONSTRAINT ck_order_events_payload CHECK (json_valid(payload))
) STRICT, WITHOUT ROWID;

-- What the relay claims, oldest first; only pending rows are in it, so it stays small.
CREATE INDEX ix_order_events_pending ON order_events (occurred_at, event_id) WHERE published_at IS NULL;

-- What the retention sweep deletes.
CREATE INDEX ix_order_events_published ON order_events (published_at) WHERE published_at IS NOT NULL;
