-- The order's version: 1 when placed, one more with every change of the stored order (the next
-- slice's cancel and change). The API's ETag is made of the order id and this number
-- (docs/design.md, "ETags"), so a conditional GET answers 304 from this one column.
-- SQLite allows ADD COLUMN ... NOT NULL with a constant default, and a CHECK that names the column;
-- existing rows read as version 1 without a rewrite. INTEGER is SQLite's 64-bit integer, like the
-- bigint of the other dialects.
ALTER TABLE orders ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CONSTRAINT ck_orders_version CHECK (version >= 1);
