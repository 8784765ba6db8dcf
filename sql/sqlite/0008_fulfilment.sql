-- Fulfilment (docs/design.md, "Transitions"): a fulfilment service marks a placed order fulfilled,
-- with the time and, optionally, the carrier and the tracking number it shipped with.
-- orders: status may be 'fulfilled'; fulfilled_at, carrier and tracking_number are set together with
-- the status, never before. order_events: event_type may be 'order.fulfilled'.
--
-- SQLite cannot drop or change a constraint in place: the three tables are rebuilt and their rows
-- copied, in this script's one transaction, as 0007 did. Renaming orders_v4 to orders also renames
-- the reference in order_lines_v4 (SQLite's default since 3.26).

CREATE TABLE orders_v4 (
    order_id             TEXT    NOT NULL,
    owner_id             TEXT    NOT NULL,
    client_reference     TEXT    NOT NULL,
    status               TEXT    NOT NULL,
    currency             TEXT    NOT NULL,
    customer_email       TEXT    NOT NULL,
    customer_name        TEXT    NULL,
    ship_line1           TEXT    NULL,
    ship_line2           TEXT    NULL,
    ship_city            TEXT    NULL,
    ship_postal_code     TEXT    NULL,
    ship_country         TEXT    NULL,
    total                INTEGER NOT NULL,   -- minor units of currency
    created_at           TEXT    NOT NULL,
    customer_phone       TEXT    NULL,
    version              INTEGER NOT NULL DEFAULT 1,
    cancelled_at         TEXT    NULL,       -- UTC, same format as created_at
    cancellation_reason  TEXT    NULL,
    last_change_id       TEXT    NULL,
    fulfilled_at         TEXT    NULL,       -- UTC, same format as created_at
    carrier              TEXT    NULL,
    tracking_number      TEXT    NULL,
    CONSTRAINT pk_orders PRIMARY KEY (owner_id, order_id),
    CONSTRAINT uq_orders_owner_client_reference UNIQUE (owner_id, client_reference),
    CONSTRAINT ck_orders_owner_id CHECK (length(owner_id) BETWEEN 1 AND 255),
    CONSTRAINT ck_orders_client_reference CHECK (
        length(client_reference) BETWEEN 1 AND 100 AND client_reference NOT GLOB '*[^A-Za-z0-9._~-]*'),
    CONSTRAINT ck_orders_status CHECK (status IN ('placed', 'cancelled', 'fulfilled')),
    CONSTRAINT ck_orders_currency CHECK (currency GLOB '[A-Z][A-Z][A-Z]'),
    CONSTRAINT ck_orders_customer_email CHECK (length(customer_email) BETWEEN 3 AND 254),
    CONSTRAINT ck_orders_customer_phone CHECK (
        length(customer_phone) BETWEEN 3 AND 32 AND customer_phone GLOB '[+0-9]*' AND customer_phone NOT GLOB '*[^0-9 +()-]*'),
    CONSTRAINT ck_orders_shipping_complete CHECK (
        (ship_line1 IS NULL AND ship_line2 IS NULL AND ship_city IS NULL AND ship_postal_code IS NULL AND ship_country IS NULL)
        OR (ship_line1 IS NOT NULL AND ship_city IS NOT NULL AND ship_postal_code IS NOT NULL AND ship_country GLOB '[A-Z][A-Z]')),
    CONSTRAINT ck_orders_total CHECK (total >= 0),
    CONSTRAINT ck_orders_created_at CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z' AND length(created_at) = 27),
    CONSTRAINT ck_orders_version CHECK (version >= 1),
    CONSTRAINT ck_orders_cancelled CHECK (
        (status = 'cancelled' AND cancelled_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z' AND length(cancelled_at) = 27)
        OR (status <> 'cancelled' AND cancelled_at IS NULL AND cancellation_reason IS NULL)),
    CONSTRAINT ck_orders_fulfilled CHECK (
        (status = 'fulfilled' AND fulfilled_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z' AND length(fulfilled_at) = 27)
        OR (status <> 'fulfilled' AND fulfilled_at IS NULL AND carrier IS NULL AND tracking_number IS NULL))
) STRICT;

INSERT INTO orders_v4 (order_id, owner_id, client_reference, status, currency, customer_email, customer_name,
                       ship_line1, ship_line2, ship_city, ship_postal_code, ship_country, total, created_at,
                       customer_phone, version, cancelled_at, cancellation_reason, last_change_id)
SELECT order_id, owner_id, client_reference, status, currency, customer_email, customer_name,
       ship_line1, ship_line2, ship_city, ship_postal_code, ship_country, total, created_at,
       customer_phone, version, cancelled_at, cancellation_reason, last_change_id
FROM orders;

CREATE TABLE order_lines_v4 (
    owner_id     TEXT    NOT NULL,
    order_id     TEXT    NOT NULL,
    line_number  INTEGER NOT NULL,
    sku          TEXT    NOT NULL,
    quantity     INTEGER NOT NULL,
    unit_price   INTEGER NOT NULL,   -- minor units
    line_total   INTEGER NOT NULL,   -- quantity * unit_price
    CONSTRAINT pk_order_lines PRIMARY KEY (owner_id, order_id, line_number),
    CONSTRAINT fk_order_lines_orders FOREIGN KEY (owner_id, order_id) REFERENCES orders_v4 (owner_id, order_id),
    CONSTRAINT ck_order_lines_line_number CHECK (line_number BETWEEN 1 AND 100),
    CONSTRAINT ck_order_lines_sku CHECK (length(sku) BETWEEN 1 AND 64),
    CONSTRAINT ck_order_lines_quantity CHECK (quantity BETWEEN 1 AND 1000),
    CONSTRAINT ck_order_lines_unit_price CHECK (unit_price BETWEEN 0 AND 100000000),
    CONSTRAINT ck_order_lines_line_total CHECK (line_total = quantity * unit_price)
) STRICT, WITHOUT ROWID;

INSERT INTO order_lines_v4 (owner_id, order_id, line_number, sku, quantity, unit_price, line_total)
SELECT owner_id, order_id, line_number, sku, quantity, unit_price, line_total
FROM order_lines;

CREATE TABLE order_events_v4 (
    owner_id       TEXT    NOT NULL,
    event_id       TEXT    NOT NULL,   -- UUIDv7 made by the app; the message-id consumers deduplicate by
    order_id       TEXT    NOT NULL,
    event_type     TEXT    NOT NULL,
    payload        TEXT    NOT NULL,
    occurred_at    TEXT    NOT NULL,   -- UTC, when the order was placed, cancelled, changed or fulfilled
    published_at   TEXT    NULL,       -- UTC, when the broker confirmed it; NULL while pending
    trace_parent   TEXT    NULL,
    trace_state    TEXT    NULL,
    order_version  INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT pk_order_events PRIMARY KEY (owner_id, event_id),
    -- One event per version of an order, whatever happens to a unit of work.
    CONSTRAINT uq_order_events_order_version UNIQUE (owner_id, order_id, order_version),
    CONSTRAINT ck_order_events_type CHECK (event_type IN ('order.placed', 'order.cancelled', 'order.changed', 'order.fulfilled')),
    CONSTRAINT ck_order_events_payload CHECK (json_valid(payload))
) STRICT, WITHOUT ROWID;

INSERT INTO order_events_v4 (owner_id, event_id, order_id, event_type, payload, occurred_at, published_at, trace_parent, trace_state, order_version)
SELECT owner_id, event_id, order_id, event_type, payload, occurred_at, published_at, trace_parent, trace_state, order_version
FROM order_events;

-- Children first, so no reference is left dangling at any step.
DROP TABLE order_lines;
DROP TABLE orders;
DROP TABLE order_events;
ALTER TABLE orders_v4 RENAME TO orders;
ALTER TABLE order_lines_v4 RENAME TO order_lines;
ALTER TABLE order_events_v4 RENAME TO order_events;

-- The indexes went with their tables; the same ones again.
CREATE INDEX ix_orders_owner_created ON orders (owner_id, created_at DESC, order_id DESC);
CREATE INDEX ix_order_events_pending ON order_events (occurred_at, event_id) WHERE published_at IS NULL;
CREATE INDEX ix_order_events_published ON order_events (published_at) WHERE published_at IS NOT NULL;
