-- Table types for the store's table-valued parameters. A TVP keeps each statement's text the same
-- for 1 or 100 rows (one cached plan, not one per row count) and types every value exactly.
-- An application login that does not own the schema needs:
--     GRANT EXECUTE ON TYPE::dbo.order_line_list TO <app role>;
--     GRANT EXECUTE ON TYPE::dbo.order_id_list   TO <app role>;
-- Column names, order and types must match SqlServerParameters in the store (a test compares them).

-- The lines of one order. Keyed like order_lines, so they arrive in clustered-key order.
CREATE TYPE dbo.order_line_list AS TABLE (
    line_number  int          NOT NULL PRIMARY KEY,
    sku          nvarchar(64) NOT NULL,
    quantity     int          NOT NULL,
    unit_price   bigint       NOT NULL,
    line_total   bigint       NOT NULL
);

-- The orders of one listing page, whose lines are read in one statement.
CREATE TYPE dbo.order_id_list AS TABLE (
    order_id  uniqueidentifier NOT NULL PRIMARY KEY
);
