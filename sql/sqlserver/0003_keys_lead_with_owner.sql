-- Every key leads with owner_id, the same keys as sql/postgresql/0002 (where they let the owner be
-- the shard key), so all three stores send statements of one shape: lines carry their owner, and
-- orders and lines are joined on (owner_id, order_id). Order ids stay unique without a key on
-- order_id alone: they are UUIDv7 made by the app (see the PostgreSQL script).
--
-- Clustering is unchanged in kind. orders stays clustered on order_seq (0001 says why: a uuid key
-- would put every new row on a random page); its primary key becomes (owner_id, order_id), still
-- nonclustered, and like the old one it is only probed (foreign key checks), never scanned.
-- order_lines stays clustered on its primary key, now (owner_id, order_id, line_number): all lines
-- of an order still sit together and are read as one range seek, one random page per order.
--
-- Converted in place, in this script's one transaction. Batches (GO), because a batch is compiled
-- before it runs: the column must exist before a statement can name it. Rebuilding the clustered
-- key of order_lines rewrites that table once.
--
-- The column is added NOT NULL with a placeholder default that is dropped again once every row has
-- its owner, rather than added NULL and then altered to NOT NULL: the same column (nvarchar(255),
-- BIN2, NOT NULL, no default, last in the table), and ALTER COLUMN, which Babelfish refuses with
-- COLLATE or NOT NULL, is not needed. (An earlier version of this script did add it NULL and alter
-- it; a database migrated by that version has exactly this schema, docs/sqlserver.md says how that
-- was checked, and DbUp never reruns a script.)
--
-- Babelfish for PostgreSQL names a default itself and cannot drop one (babelfish-for-postgresql/
-- babelfish_extensions#4316: "constraint ... does not exist", and the failed statement dooms the
-- transaction even inside TRY), so there the placeholder stays: harmless, every insert names owner_id.
-- SERVERPROPERTY('Babelfish') is 1 there and NULL on SQL Server, which knows no such property.

ALTER TABLE dbo.order_lines ADD owner_id nvarchar(255) COLLATE Latin1_General_100_BIN2 NOT NULL
    CONSTRAINT df_order_lines_owner_id_migrating DEFAULT N'';
GO

-- Every line has its order (the foreign key), so no line keeps the placeholder.
UPDATE dbo.order_lines
SET owner_id = (SELECT o.owner_id FROM dbo.orders AS o WHERE o.order_id = order_lines.order_id);

-- Looked up rather than named: the name Babelfish gives a default is its own.
DECLARE @drop_placeholder nvarchar(400) = (
    SELECT N'ALTER TABLE dbo.order_lines DROP CONSTRAINT ' + QUOTENAME(d.name) + N';'
    FROM sys.default_constraints AS d
    JOIN sys.columns AS c ON c.object_id = d.parent_object_id AND c.column_id = d.parent_column_id
    WHERE d.parent_object_id = OBJECT_ID(N'dbo.order_lines') AND c.name = N'owner_id');
IF SERVERPROPERTY('Babelfish') IS NULL
    EXEC sys.sp_executesql @drop_placeholder;

ALTER TABLE dbo.order_lines DROP CONSTRAINT fk_order_lines_orders;
ALTER TABLE dbo.order_lines DROP CONSTRAINT pk_order_lines;
ALTER TABLE dbo.orders DROP CONSTRAINT pk_orders;

ALTER TABLE dbo.orders ADD CONSTRAINT pk_orders PRIMARY KEY NONCLUSTERED (owner_id, order_id);
ALTER TABLE dbo.order_lines ADD CONSTRAINT pk_order_lines PRIMARY KEY CLUSTERED (owner_id, order_id, line_number);
ALTER TABLE dbo.order_lines ADD CONSTRAINT fk_order_lines_orders
    FOREIGN KEY (owner_id, order_id) REFERENCES dbo.orders (owner_id, order_id);
