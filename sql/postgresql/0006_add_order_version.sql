-- The order's version: 1 when placed, one more with every change of the stored order (the next
-- slice's cancel and change). The API's ETag is made of the order id and this number
-- (docs/design.md, "ETags"), so a conditional GET answers 304 from this one column.
-- bigint rather than integer: every store then hands the same CLR type (Int64) to the one row record
-- the stores share (SQLite returns every integer as 64-bit, and Dapper matches a record's
-- constructor by exact type).
-- ADD COLUMN with a constant default only changes the catalog (PostgreSQL 11+): no table rewrite,
-- every existing row reads as version 1. On a Citus coordinator the ALTER, default and CHECK
-- included, is propagated to every shard of the distributed table.
ALTER TABLE orders ADD COLUMN version bigint NOT NULL DEFAULT 1;

ALTER TABLE orders ADD CONSTRAINT ck_orders_version CHECK (version >= 1);
