-- Free text is limited in characters as the API and openapi.yaml count them: Unicode code points
-- (JSON Schema's maxLength; PostgreSQL's varchar(n) counts the same). nvarchar(n) holds n UTF-16
-- code units, and a character outside the Basic Multilingual Plane (an emoji, a rare CJK ideograph)
-- takes two, so a valid name of 200 such characters did not fit nvarchar(200). Each free-text column
-- becomes nvarchar(2N) for a limit of N characters: one code point is at most two UTF-16 code units,
-- so every text the API accepts fits, in any script. The limit itself stays the API's
-- (src/Orders.Api/Rules/OrderRequestFields.cs); the column only has to hold what it lets through.
--
-- ALTER COLUMN, which the other scripts avoid, is safe here on both engines:
-- - no COLLATE (Babelfish refuses it): these columns were created without one (0001) and so have
--   the database default, which is what ALTER COLUMN without COLLATE gives them again. The default
--   cannot have moved since: ALTER DATABASE ... COLLATE fails while CHECK constraints depend on it,
--   and this table has them.
-- - neither NULL nor NOT NULL (Babelfish refuses both): the columns were nullable, and SQL Server
--   makes a column altered without either nullable whatever the session's ANSI_NULL_DFLT settings.
-- - SQL Server allows a longer variable-length column under a CHECK (ck_orders_shipping_complete
--   names the address columns), so that constraint stays as it is; a longer nvarchar changes only
--   the catalog, no row is rewritten. On Babelfish each becomes PostgreSQL's ALTER COLUMN TYPE,
--   which carries the constraint over itself.
ALTER TABLE dbo.orders ALTER COLUMN customer_name nvarchar(400);
ALTER TABLE dbo.orders ALTER COLUMN ship_line1 nvarchar(400);
ALTER TABLE dbo.orders ALTER COLUMN ship_line2 nvarchar(400);
ALTER TABLE dbo.orders ALTER COLUMN ship_city nvarchar(200);
ALTER TABLE dbo.orders ALTER COLUMN ship_postal_code nvarchar(40);
