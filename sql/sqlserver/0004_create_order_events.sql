-- The transactional outbox of order events (docs/operations.md, "Order events"). A create writes its
-- order.placed row in the order's own transaction, so the row exists exactly when the order does;
-- the relay claims pending rows with READPAST, UPDLOCK, ROWLOCK (competing relays skip each other's
-- rows), publishes them to RabbitMQ and sets published_at; rows published longer ago than the
-- retention period are deleted. Keys lead with owner_id, as the orders' keys do.
--
-- Clustered on an IDENTITY, as orders is, for the same reason: event_id is a UUIDv7, which SQL
-- Server sorts by its random last bytes. The IDENTITY is also the relay's oldest-first order.
CREATE TABLE dbo.order_events (
    event_seq     bigint IDENTITY(1, 1) NOT NULL,
    owner_id      nvarchar(255) COLLATE Latin1_General_100_BIN2 NOT NULL,
    event_id      uniqueidentifier NOT NULL,   -- made by the app; the message-id consumers deduplicate by
    order_id      uniqueidentifier NOT NULL,
    event_type    varchar(50)   COLLATE Latin1_General_100_BIN2 NOT NULL,
    payload       nvarchar(max) NOT NULL,      -- the message body: the order as the API returns it
    occurred_at   datetime2(7)  NOT NULL,      -- UTC, the order's created_at
    published_at  datetime2(7)  NULL,          -- UTC, when the broker confirmed it; NULL while pending
    CONSTRAINT pk_order_events PRIMARY KEY NONCLUSTERED (owner_id, event_id),
    -- One event of a type per order, whatever happens to a unit of work.
    CONSTRAINT uq_order_events_order_type UNIQUE NONCLUSTERED (owner_id, order_id, event_type),
    CONSTRAINT ck_order_events_type CHECK (event_type IN ('order.placed')),
    CONSTRAINT ck_order_events_payload CHECK (ISJSON(payload) = 1)
);

-- Its own statement, not inline in CREATE TABLE (which Babelfish refuses), as in 0001: the same index.
CREATE UNIQUE CLUSTERED INDEX cx_order_events ON dbo.order_events (event_seq);

-- What the relay claims, oldest first. Filtered: only pending rows are in it, so it stays small.
CREATE NONCLUSTERED INDEX ix_order_events_pending ON dbo.order_events (event_seq) WHERE published_at IS NULL;

-- What the retention sweep deletes.
CREATE NONCLUSTERED INDEX ix_order_events_published ON dbo.order_events (published_at) WHERE published_at IS NOT NULL;
