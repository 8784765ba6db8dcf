-- Orders and their lines. The unique constraint on (owner_id, client_reference) is the whole
-- idempotency mechanism: it is the lock a concurrent duplicate waits on, the in-progress state
-- while the first insert is uncommitted, and the record of the order once it commits.
CREATE TABLE orders (
    order_id          uuid         NOT NULL,
    owner_id          varchar(255) NOT NULL,
    client_reference  varchar(100) NOT NULL,
    status            varchar(20)  NOT NULL,
    currency          char(3)      NOT NULL,
    customer_email    varchar(254) NOT NULL,
    customer_name     varchar(200) NULL,
    ship_line1        varchar(200) NULL,
    ship_line2        varchar(200) NULL,
    ship_city         varchar(100) NULL,
    ship_postal_code  varchar(20)  NULL,
    ship_country      char(2)      NULL,
    total             bigint       NOT NULL,   -- minor units of currency
    created_at        timestamptz  NOT NULL,   -- UTC, microseconds
    CONSTRAINT pk_orders PRIMARY KEY (order_id),
    CONSTRAINT uq_orders_owner_client_reference UNIQUE (owner_id, client_reference),
    CONSTRAINT ck_orders_owner_id CHECK (length(owner_id) >= 1),
    CONSTRAINT ck_orders_client_reference CHECK (client_reference ~ '^[A-Za-z0-9._~-]{1,100}$'),
    CONSTRAINT ck_orders_status CHECK (status IN ('placed')),
    CONSTRAINT ck_orders_currency CHECK (currency ~ '^[A-Z]{3}$'),
    CONSTRAINT ck_orders_customer_email CHECK (length(customer_email) BETWEEN 3 AND 254),
    CONSTRAINT ck_orders_shipping_complete CHECK (
        (ship_line1 IS NULL AND ship_line2 IS NULL AND ship_city IS NULL AND ship_postal_code IS NULL AND ship_country IS NULL)
        OR (ship_line1 IS NOT NULL AND ship_city IS NOT NULL AND ship_postal_code IS NOT NULL AND ship_country ~ '^[A-Z]{2}$')),
    CONSTRAINT ck_orders_total CHECK (total >= 0)
);

-- Serves the newest-first listing of one owner's orders (keyset on created_at, order_id).
CREATE INDEX ix_orders_owner_created ON orders (owner_id, created_at DESC, order_id DESC);

CREATE TABLE order_lines (
    order_id     uuid        NOT NULL,
    line_number  integer     NOT NULL,
    sku          varchar(64) NOT NULL,
    quantity     integer     NOT NULL,
    unit_price   bigint      NOT NULL,   -- minor units
    line_total   bigint      NOT NULL,   -- quantity * unit_price
    CONSTRAINT pk_order_lines PRIMARY KEY (order_id, line_number),
    CONSTRAINT fk_order_lines_orders FOREIGN KEY (order_id) REFERENCES orders (order_id),
    CONSTRAINT ck_order_lines_line_number CHECK (line_number BETWEEN 1 AND 100),
    CONSTRAINT ck_order_lines_sku CHECK (length(sku) BETWEEN 1 AND 64),
    CONSTRAINT ck_order_lines_quantity CHECK (quantity BETWEEN 1 AND 1000),
    CONSTRAINT ck_order_lines_unit_price CHECK (unit_price BETWEEN 0 AND 100000000),
    CONSTRAINT ck_order_lines_line_total CHECK (line_total = quantity * unit_price)
);
