-- bench/sql/seed.sql in T-SQL (run by Orders.Bench's sqlserver-run, which binds @from and @to):
-- orders seed-@from … seed-@to, two lines each, set-based rather than through the API, the same
-- shape as the benchmark's order, so duplicates of them are retries (sameRequest). Random (NEWID)
-- ids, unlike the API's time-ordered v7. Runs on SQL Server and on Babelfish alike: the numbers
-- come from a cross join of VALUES lists (10^6 rows at most), not a generator function, and
-- there is no UPDATE STATISTICS (Babelfish refuses it): SQL Server's automatic statistics and
-- Babelfish's autovacuum analyze the new rows.
SET NOCOUNT ON;

WITH digit AS (SELECT d FROM (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) AS v (d)),
numbers AS (
    SELECT @from + a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d + 100000 * g.d AS n
    FROM digit AS a CROSS JOIN digit AS b CROSS JOIN digit AS c CROSS JOIN digit AS e
        CROSS JOIN digit AS f CROSS JOIN digit AS g
)
INSERT INTO dbo.orders (order_id, owner_id, client_reference, status, currency, customer_email, customer_name,
                        ship_line1, ship_line2, ship_city, ship_postal_code, ship_country, total, created_at)
SELECT NEWID(), N'default', CONCAT('seed-', n), 'placed', 'EUR', N'bench@example.com', N'Bench',
       N'1 Bench Street', NULL, N'Berlin', N'10117', 'DE', 4498, DATEADD(second, -n, SYSUTCDATETIME())
FROM numbers
WHERE n <= @to;

-- The headers' ids are read back by their references (the unique key), as no OUTPUT table is needed.
INSERT INTO dbo.order_lines (owner_id, order_id, line_number, sku, quantity, unit_price, line_total)
SELECT o.owner_id, o.order_id, line.line_number, line.sku, line.quantity, line.unit_price, line.line_total
FROM dbo.orders AS o
CROSS JOIN (VALUES (1, N'SKU-1', 2, CAST(1999 AS bigint), CAST(3998 AS bigint)),
                   (2, N'SKU-2', 1, CAST(500 AS bigint), CAST(500 AS bigint)))
    AS line (line_number, sku, quantity, unit_price, line_total)
WHERE o.owner_id = N'default' AND o.client_reference LIKE 'seed-%'
    AND NOT EXISTS (SELECT 1 FROM dbo.order_lines AS l WHERE l.owner_id = o.owner_id AND l.order_id = o.order_id);
