-- Puts back the targets a cancel or change run spent (version > 1), so the next run, on any path,
-- starts from tx-1 with every target placed at version 1; the event rows, if events were on, go too.
-- VACUUM, so that no run meets the dead rows of the one before it.
DELETE FROM order_events WHERE owner_id = 'default' AND event_type <> 'order.placed' AND order_id IN (
    SELECT order_id FROM orders WHERE owner_id = 'default' AND client_reference LIKE 'tx-%' AND version > 1);
UPDATE orders
SET status = 'placed', cancelled_at = NULL, cancellation_reason = NULL, ship_line1 = '1 Bench Street',
    version = 1, last_change_id = NULL
WHERE owner_id = 'default' AND client_reference LIKE 'tx-%' AND version > 1;

VACUUM ANALYZE orders;
