-- Fulfilment (docs/design.md, "Transitions"): a fulfilment service marks a placed order fulfilled,
-- with the time and, optionally, the carrier and the tracking number it shipped with.
-- orders: status may be 'fulfilled'; fulfilled_at, carrier and tracking_number are set together with
-- the status, never before. order_events: event_type may be 'order.fulfilled'.
-- carrier and tracking_number are nvarchar(200) for a limit of 100 characters (code points), as 0007
-- explains. Nullable columns only: metadata changes. One column per ADD, as 0009 explains.
ALTER TABLE dbo.orders DROP CONSTRAINT ck_orders_status;
GO

ALTER TABLE dbo.orders ADD CONSTRAINT ck_orders_status CHECK (status IN ('placed', 'cancelled', 'fulfilled'));
GO

ALTER TABLE dbo.orders ADD fulfilled_at datetime2(7) NULL;
GO

ALTER TABLE dbo.orders ADD carrier nvarchar(200) NULL;
GO

ALTER TABLE dbo.orders ADD tracking_number nvarchar(200) NULL;
GO

ALTER TABLE dbo.orders ADD CONSTRAINT ck_orders_fulfilled CHECK (
    (status = 'fulfilled' AND fulfilled_at IS NOT NULL)
    OR (status <> 'fulfilled' AND fulfilled_at IS NULL AND carrier IS NULL AND tracking_number IS NULL));
GO

ALTER TABLE dbo.order_events DROP CONSTRAINT ck_order_events_type;
GO

ALTER TABLE dbo.order_events ADD CONSTRAINT ck_order_events_type
    CHECK (event_type IN ('order.placed', 'order.cancelled', 'order.changed', 'order.fulfilled'));
