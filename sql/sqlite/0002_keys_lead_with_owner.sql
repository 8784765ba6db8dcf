-- Every key leads with owner_id, the same keys as sql/postgresql/0002 (where they let the owner be
-- the shard key), so all three stores send statements of one shape: lines carry their owner, and
-- orders and lines are joined on (owner_id, order_id). Order ids stay unique without a key on
-- order_id alone: they are UUIDv7 made by the app (see the PostgreSQL script).
--
-- SQLite cannot change a primary key in place: each table is rebuilt and its rows copied, in this
-- script's one transaction. The copies refer to each other; renaming orders_v2 to orders also
-- renames the reference in order_lines_v2 (SQLite's default since 3.26).

CREATE TABLE orders_v2 (
    order_id          TEXT    NOT NULL,
    owner_id          TEXT    NOT NULL,
    client_reference  TEXT    NOT NULL,
    status            TEXT    NOT NULL,
    currency          TEXT    NOT NULL,
    customer_email    TEXT    NOT NULL,
    customer_name     TEXT    NULL,
    ship_line1        TEXT    NULL,
    ship_line2        TEXT    NULL,
    ship_city         TEXT    NULL,
    ship_postal_code  TEXT    NULL,
    ship_country      TEXT    NULL,
    total             INTEGER NOT NULL,   -- minor units of currency
    created_at        TEXT    NOT NULL,
    CONSTRAINT pk_orders PRIMARY KEY (owner_id, order_id),
    CONSTRAINT uq_orders_owner_client_reference UNIQUE (owner_id, client_reference),
    CONSTRAINT ck_orders_owner_id CHECK (length(owner_id) BETWEEN 1 AND 255),
    CONSTRAINT ck_orders_client_reference CHECK (
        length(client_reference) BETWEEN 1 AND 100 AND client_reference NOT GLOB '*[^A-Za-z0-9._~-]*'),
    CONSTRAINT ck_orders_status CHECK (status IN ('placed')),
    CONSTRAINT ck_orders_currency CHECK (currency GLOB '[A-Z][A-Z][A-Z]'),
    CONSTRAINT ck_orders_customer_email CHECK (length(customer_email) BETWEEN 3 AND 254),
    CONSTRAINT ck_orders_shipping_complete CHECK (
        (ship_line1 IS NULL AND ship_line2 IS NULL AND ship_city IS NULL AND ship_postal_code IS NULL AND ship_country IS NULL)
        OR (ship_line1 IS NOT NULL AND ship_city IS NOT NULL AND ship_postal_code IS NOT NULL AND ship_country GLOB '[A-Z][A-Z]')),
    CONSTRAINT ck_orders_total CHECK (total >= 0),
    CONSTRAINT ck_orders_created_at CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z' AND length(created_at) = 27)
) STRICT;

INSERT INTO orders_v2 (order_id, owner_id, client_reference, status, currency, customer_email, customer_name,
                       ship_line1, ship_line2, ship_city, ship_postal_code, ship_country, total, created_at)
SELECT order_id, owner_id, client_reference, status, currency, customer_email, customer_name,
       ship_line1, ship_line2, ship_city, ship_postal_code, ship_country, total, created_at
FROM orders;

CREATE TABLE order_lines_v2 (
    owner_id     TEXT    NOT NULL,
    order_id     TEXT    NOT NULL,
    line_number  INTEGER NOT NULL,
    sku          TEXT    NOT NULL,
    quantity     INTEGER NOT NULL,
    unit_price   INTEGER NOT NULL,   -- minor units
    line_total   INTEGER NOT NULL,   -- quantity * unit_price
    CONSTRAINT pk_order_lines PRIMARY KEY (owner_id, order_id, line_number),
    CONSTRAINT fk_order_lines_orders FOREIGN KEY (owner_id, order_id) REFERENCES orders_v2 (owner_id, order_id),
    CONSTRAINT ck_order_lines_line_number CHECK (line_number BETWEEN 1 AND 100),
    CONSTRAINT ck_order_lines_sku CHECK (length(sku) BETWEEN 1 AND 64),
    CONSTRAINT ck_order_lines_quantity CHECK (quantity BETWEEN 1 AND 1000),
    CONSTRAINT ck_order_lines_unit_price CHECK (unit_price BETWEEN 0 AND 100000000),
    CONSTRAINT ck_order_lines_line_total CHECK (line_total = quantity * unit_price)
) STRICT, WITHOUT ROWID;

INSERT INTO order_lines_v2 (owner_id, order_id, line_number, sku, quantity, unit_price, line_total)
SELECT o.owner_id, l.order_id, l.line_number, l.sku, l.quantity, l.unit_price, l.line_total
FROM order_lines l
JOIN orders o ON o.order_id = l.order_id;

-- Children first, so no reference is left dangling at any step.
DROP TABLE order_lines;
DROP TABLE orders;
ALTER TABLE orders_v2 RENAME TO orders;
ALTER TABLE order_lines_v2 RENAME TO order_lines;

-- Serves the newest-first listing of one owner's orders (keyset on created_at, order_id).
CREATE INDEX ix_orders_owner_created ON orders (owner_id, created_at DESC, order_id DESC);
