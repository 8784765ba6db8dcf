-- The benchmark's replay server (bench/Orders.Bench/Replay.cs) only; never part of the product.
-- Brandur Leach's idempotency_keys table, "Implementing Stripe-like Idempotency Keys in Postgres"
-- (https://brandur.org/idempotency-keys, schema in https://github.com/brandur/rocket-rides-atomic),
-- with two changes that suit this API: the owner is our text owner_id (his user_id bigint), and the
-- request is kept as a SHA-256 of its body (his request_params jsonb, compared whole) and the response
-- body as text (his jsonb would reorder the keys, and a replay must return the very bytes of the 201).
-- The orders themselves go to the product's orders and order_lines tables (see Replay.cs).
CREATE TABLE IF NOT EXISTS idempotency_keys (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at      timestamptz NOT NULL DEFAULT now(),
    owner_id        text        NOT NULL,
    idempotency_key text        NOT NULL CHECK (char_length(idempotency_key) <= 100),
    last_run_at     timestamptz NOT NULL DEFAULT now(),
    -- Set while a request holds the key; a holder whose lock is older than the lease is taken for dead.
    locked_at       timestamptz DEFAULT now(),
    request_method  text        NOT NULL CHECK (char_length(request_method) <= 10),
    request_path    text        NOT NULL CHECK (char_length(request_path) <= 100),
    request_hash    bytea       NOT NULL,
    -- For finished requests: the stored status and body, replayed to every retry.
    response_code   integer     NULL,
    response_body   text        NULL,
    -- started (key taken, no order yet) -> finished (order and response stored in one transaction).
    recovery_point  text        NOT NULL CHECK (char_length(recovery_point) <= 50)
);
CREATE UNIQUE INDEX IF NOT EXISTS idempotency_keys_owner_id_idempotency_key ON idempotency_keys (owner_id, idempotency_key);
