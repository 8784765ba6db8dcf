-- Fulfilment (docs/design.md, "Transitions"): a fulfilment service marks a placed order fulfilled,
-- with the time and, optionally, the carrier and the tracking number it shipped with.
-- orders: status may be 'fulfilled'; fulfilled_at, carrier and tracking_number are set together with
-- the status, never before. order_events: event_type may be 'order.fulfilled'.
-- Nullable ADD COLUMNs: catalog changes only, no table rewrite. On a Citus coordinator each statement
-- is propagated to every shard.
ALTER TABLE orders DROP CONSTRAINT ck_orders_status;
ALTER TABLE orders ADD CONSTRAINT ck_orders_status CHECK (status IN ('placed', 'cancelled', 'fulfilled'));

ALTER TABLE orders ADD COLUMN fulfilled_at timestamptz NULL;
ALTER TABLE orders ADD COLUMN carrier varchar(100) NULL;
ALTER TABLE orders ADD COLUMN tracking_number varchar(100) NULL;
ALTER TABLE orders ADD CONSTRAINT ck_orders_fulfilled CHECK (
    (status = 'fulfilled' AND fulfilled_at IS NOT NULL)
    OR (status <> 'fulfilled' AND fulfilled_at IS NULL AND carrier IS NULL AND tracking_number IS NULL));

ALTER TABLE order_events DROP CONSTRAINT ck_order_events_type;
ALTER TABLE order_events ADD CONSTRAINT ck_order_events_type
    CHECK (event_type IN ('order.placed', 'order.cancelled', 'order.changed', 'order.fulfilled'));
