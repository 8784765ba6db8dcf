-- Cancel and change (docs/design.md, "Transitions"): an order can now be cancelled, and its customer
-- name, phone and shipping address changed while it is placed.
-- orders: status may be 'cancelled'; cancelled_at and cancellation_reason record the cancel (set
-- together with the status, never before); last_change_id is the id of the request that last changed
-- the order, which a retried cancel or change reads back to learn that its own earlier attempt won.
-- order_events: a change writes one order.changed per change, so "one event of a type per order"
-- becomes "one event per version of an order": order_version is the version the event produced
-- (1 for order.placed), unique per order, and the order consumers apply events in.
-- Every ADD COLUMN is nullable or has a constant default: catalog changes only, no table rewrite.
-- On a Citus coordinator each statement is propagated to every shard; the new unique key leads with
-- the distribution column, as Citus requires.
ALTER TABLE orders DROP CONSTRAINT ck_orders_status;
ALTER TABLE orders ADD CONSTRAINT ck_orders_status CHECK (status IN ('placed', 'cancelled'));

ALTER TABLE orders ADD COLUMN cancelled_at timestamptz NULL;
ALTER TABLE orders ADD COLUMN cancellation_reason varchar(500) NULL;
ALTER TABLE orders ADD COLUMN last_change_id uuid NULL;
ALTER TABLE orders ADD CONSTRAINT ck_orders_cancelled CHECK (
    (status = 'cancelled' AND cancelled_at IS NOT NULL)
    OR (status <> 'cancelled' AND cancelled_at IS NULL AND cancellation_reason IS NULL));

ALTER TABLE order_events ADD COLUMN order_version bigint NOT NULL DEFAULT 1;
ALTER TABLE order_events DROP CONSTRAINT uq_order_events_order_type;
ALTER TABLE order_events ADD CONSTRAINT uq_order_events_order_version UNIQUE (owner_id, order_id, order_version);
ALTER TABLE order_events DROP CONSTRAINT ck_order_events_type;
ALTER TABLE order_events ADD CONSTRAINT ck_order_events_type CHECK (event_type IN ('order.placed', 'order.cancelled', 'order.changed'));
