-- The order's version: 1 when placed, one more with every change of the stored order (the next
-- slice's cancel and change). The API's ETag is made of the order id and this number
-- (docs/design.md, "ETags"), so a conditional GET answers 304 from this one column.
-- bigint rather than int: every store then hands the same CLR type (Int64) to the one row record
-- the stores share (SQLite returns every integer as 64-bit, and Dapper matches a record's
-- constructor by exact type).
-- A NOT NULL column added with a named default fills every existing row with 1 (SQL Server 2012+
-- Enterprise does it as a metadata change; Babelfish as PostgreSQL's catalog-only default). The
-- default keeps its own name so a later script can drop it; no COLLATE, nothing Babelfish refuses.
ALTER TABLE dbo.orders ADD version bigint NOT NULL CONSTRAINT df_orders_version DEFAULT 1;
GO

ALTER TABLE dbo.orders ADD CONSTRAINT ck_orders_version CHECK (version >= 1);
