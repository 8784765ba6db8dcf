-- Bulk-loads orders :prefix:from … :prefix:to ("seed-1" …), two lines each, in one INSERT … SELECT (not
-- through the API): the same shape as the benchmark's order, so duplicates of them are retries
-- (sameRequest). Random (v4) ids, unlike the API's time-ordered v7: the primary key index is filled out
-- of order. With fixed_ids = true (the transition targets "tx-…", bench/Orders.Bench/BenchTargets.cs)
-- the id is "beac0000" and the number in hex instead, so wrk and the raw path know every target's ETag.
WITH header AS (
    INSERT INTO orders (order_id, owner_id, client_reference, status, currency, customer_email, customer_name,
                        ship_line1, ship_line2, ship_city, ship_postal_code, ship_country, total, created_at)
    SELECT CASE WHEN :fixed_ids THEN ('beac0000' || lpad(to_hex(n), 24, '0'))::uuid ELSE gen_random_uuid() END,
           'default', :'prefix' || n, 'placed', 'EUR', 'bench@example.com', 'Bench',
           '1 Bench Street', NULL, 'Berlin', '10117', 'DE', 4498, now() - make_interval(secs => n)
    FROM generate_series(:from::integer, :to::integer) AS n
    RETURNING owner_id, order_id
)
INSERT INTO order_lines (owner_id, order_id, line_number, sku, quantity, unit_price, line_total)
SELECT header.owner_id, header.order_id, line.line_number, line.sku, line.quantity, line.unit_price, line.line_total
FROM header
CROSS JOIN (VALUES (1, 'SKU-1', 2, 1999::bigint, 3998::bigint), (2, 'SKU-2', 1, 500::bigint, 500::bigint))
    AS line (line_number, sku, quantity, unit_price, line_total);

VACUUM ANALYZE orders;
VACUUM ANALYZE order_lines;
