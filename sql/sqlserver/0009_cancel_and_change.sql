-- Cancel and change (docs/design.md, "Transitions"): an order can now be cancelled, and its customer
-- name, phone and shipping address changed while it is placed.
-- orders: status may be 'cancelled'; cancelled_at and cancellation_reason record the cancel (set
-- together with the status, never before); last_change_id is the id of the request that last changed
-- the order, which a retried cancel or change reads back to learn that its own earlier attempt won.
-- order_events: a change writes one order.changed per change, so "one event of a type per order"
-- becomes "one event per version of an order": order_version is the version the event produced
-- (1 for order.placed), unique per order, and the order consumers apply events in.
-- cancellation_reason is nvarchar(1000) for a limit of 500 characters (code points), as 0007 explains.
-- Nullable columns and a NOT NULL one with a named constant default: metadata changes on SQL Server,
-- catalog-only defaults on Babelfish. No COLLATE, no ALTER COLUMN: nothing Babelfish refuses.
-- One column per ADD: Babelfish 4.4 refuses T-SQL's list form (ADD a ..., b ...) with a syntax error
-- at the second column; on SQL Server three ADDs are the same three metadata changes.
ALTER TABLE dbo.orders DROP CONSTRAINT ck_orders_status;
GO

ALTER TABLE dbo.orders ADD CONSTRAINT ck_orders_status CHECK (status IN ('placed', 'cancelled'));
GO

ALTER TABLE dbo.orders ADD cancelled_at datetime2(7) NULL;
GO

ALTER TABLE dbo.orders ADD cancellation_reason nvarchar(1000) NULL;
GO

ALTER TABLE dbo.orders ADD last_change_id uniqueidentifier NULL;
GO

ALTER TABLE dbo.orders ADD CONSTRAINT ck_orders_cancelled CHECK (
    (status = 'cancelled' AND cancelled_at IS NOT NULL)
    OR (status <> 'cancelled' AND cancelled_at IS NULL AND cancellation_reason IS NULL));
GO

ALTER TABLE dbo.order_events ADD order_version bigint NOT NULL CONSTRAINT df_order_events_order_version DEFAULT 1;
GO

ALTER TABLE dbo.order_events DROP CONSTRAINT uq_order_events_order_type;
GO

ALTER TABLE dbo.order_events ADD CONSTRAINT uq_order_events_order_version UNIQUE NONCLUSTERED (owner_id, order_id, order_version);
GO

ALTER TABLE dbo.order_events DROP CONSTRAINT ck_order_events_type;
GO

ALTER TABLE dbo.order_events ADD CONSTRAINT ck_order_events_type CHECK (event_type IN ('order.placed', 'order.cancelled', 'order.changed'));
