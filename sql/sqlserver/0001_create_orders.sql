-- Orders and their lines. The unique constraint on (owner_id, client_reference) is the whole
-- idempotency mechanism: it is the lock a concurrent duplicate waits on, the in-progress state
-- while the first insert is uncommitted, and the record of the order once it commits.
--
-- Clustering: order_id is a UUIDv7, but SQL Server sorts uniqueidentifier by its LAST six bytes
-- first, and in a v7 those are random. A clustered key on order_id would put every new row on a
-- random page (page splits, fragmentation, a cold buffer pool). So the rows are clustered on an
-- IDENTITY that only grows at the right edge, and the primary key on order_id is nonclustered.
-- The application never reads or writes order_seq. (If last-page PAGELATCH_EX contention ever
-- shows up under heavy insert load, OPTIMIZE_FOR_SEQUENTIAL_KEY = ON on cx_orders is the remedy.)
--
-- Collation: keys and codes compare byte for byte (Latin1_General_100_BIN2) as in PostgreSQL and
-- SQLite, whatever the database default: under the usual case-insensitive default 'ABC' and 'abc'
-- would be one client reference. Free text is nvarchar, whose length counts UTF-16 code units,
-- exactly what the API validates.
CREATE TABLE dbo.orders (
    order_seq         bigint IDENTITY(1, 1) NOT NULL,
    order_id          uniqueidentifier NOT NULL,
    owner_id          nvarchar(255) COLLATE Latin1_General_100_BIN2 NOT NULL,
    client_reference  varchar(100)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    status            varchar(20)   COLLATE Latin1_General_100_BIN2 NOT NULL,
    currency          char(3)       COLLATE Latin1_General_100_BIN2 NOT NULL,
    customer_email    nvarchar(254) NOT NULL,
    customer_name     nvarchar(200) NULL,
    ship_line1        nvarchar(200) NULL,
    ship_line2        nvarchar(200) NULL,
    ship_city         nvarchar(100) NULL,
    ship_postal_code  nvarchar(20)  NULL,
    ship_country      char(2)       COLLATE Latin1_General_100_BIN2 NULL,
    total             bigint        NOT NULL,   -- minor units of currency
    created_at        datetime2(7)  NOT NULL,   -- UTC; 7 digits hold a .NET DateTime exactly
    CONSTRAINT pk_orders PRIMARY KEY NONCLUSTERED (order_id),
    CONSTRAINT uq_orders_owner_client_reference UNIQUE NONCLUSTERED (owner_id, client_reference),
    -- Comparisons ignore trailing spaces in SQL Server, so 'a' and 'a ' would be one key: forbid them.
    CONSTRAINT ck_orders_owner_id CHECK (LEN(owner_id) >= 1 AND RIGHT(owner_id, 1) <> N' '),
    -- DATALENGTH = LEN rules out trailing spaces, which LIKE and = would not notice.
    CONSTRAINT ck_orders_client_reference CHECK (
        LEN(client_reference) >= 1
        AND DATALENGTH(client_reference) = LEN(client_reference)
        AND client_reference NOT LIKE '%[^A-Za-z0-9._~-]%'),
    CONSTRAINT ck_orders_status CHECK (status IN ('placed')),
    CONSTRAINT ck_orders_currency CHECK (currency LIKE '[A-Z][A-Z][A-Z]'),
    CONSTRAINT ck_orders_customer_email CHECK (LEN(customer_email) BETWEEN 3 AND 254),
    CONSTRAINT ck_orders_shipping_complete CHECK (
        (ship_line1 IS NULL AND ship_line2 IS NULL AND ship_city IS NULL AND ship_postal_code IS NULL AND ship_country IS NULL)
        OR (ship_line1 IS NOT NULL AND ship_city IS NOT NULL AND ship_postal_code IS NOT NULL AND ship_country LIKE '[A-Z][A-Z]')),
    CONSTRAINT ck_orders_total CHECK (total >= 0)
);

-- The clustered index of the table, on order_seq (see "Clustering" above). Declared by its own
-- statement rather than inline in CREATE TABLE, which Babelfish for Aurora PostgreSQL refuses
-- ('INLINE INDEX' is not supported); on SQL Server the result is the same index: the table is an
-- empty heap for an instant, and both keys above are declared NONCLUSTERED, so this is its only
-- clustered index. Created before ix_orders_owner_created, so that index is built once, on it.
CREATE UNIQUE CLUSTERED INDEX cx_orders ON dbo.orders (order_seq);

-- Serves the newest-first listing of one owner's orders (keyset on created_at, order_id). A page
-- reads its rows through the clustered key; at most 100 lookups, so no INCLUDE copy of the table.
CREATE NONCLUSTERED INDEX ix_orders_owner_created ON dbo.orders (owner_id, created_at DESC, order_id DESC);

-- Clustered on (order_id, line_number), unlike orders: the rows are narrow, all lines of an order
-- arrive in one statement (one random page per order, not per line) and are always read together,
-- which this key serves as one range seek. An IDENTITY here would cost up to 100 lookups per read.
CREATE TABLE dbo.order_lines (
    order_id     uniqueidentifier NOT NULL,
    line_number  int              NOT NULL,
    sku          nvarchar(64)     NOT NULL,
    quantity     int              NOT NULL,
    unit_price   bigint           NOT NULL,   -- minor units
    line_total   bigint           NOT NULL,   -- quantity * unit_price
    CONSTRAINT pk_order_lines PRIMARY KEY CLUSTERED (order_id, line_number),
    CONSTRAINT fk_order_lines_orders FOREIGN KEY (order_id) REFERENCES dbo.orders (order_id),
    CONSTRAINT ck_order_lines_line_number CHECK (line_number BETWEEN 1 AND 100),
    CONSTRAINT ck_order_lines_sku CHECK (LEN(sku) BETWEEN 1 AND 64),
    CONSTRAINT ck_order_lines_quantity CHECK (quantity BETWEEN 1 AND 1000),
    CONSTRAINT ck_order_lines_unit_price CHECK (unit_price BETWEEN 0 AND 100000000),
    CONSTRAINT ck_order_lines_line_total CHECK (line_total = quantity * unit_price)
);
