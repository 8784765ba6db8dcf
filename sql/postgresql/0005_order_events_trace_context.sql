-- The create's trace context, stored with its event in the same transaction (docs/operations.md,
-- "Tracing"): the W3C traceparent of the create (55 characters for version 00) and its tracestate
-- (at most 512 characters by the W3C limit), both NULL when the create ran outside any trace. The
-- relay publishes them as the message's traceparent and tracestate headers. On a Citus coordinator
-- ALTER TABLE reaches every shard.
ALTER TABLE order_events
    ADD COLUMN trace_parent varchar(55)  NULL,
    ADD COLUMN trace_state  varchar(512) NULL;
