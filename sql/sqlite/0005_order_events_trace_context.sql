-- The create's trace context, stored with its event in the same transaction (docs/operations.md,
-- "Tracing"): the W3C traceparent of the create and its tracestate, both NULL when the create ran
-- outside any trace. The relay publishes them as the message's traceparent and tracestate headers.
ALTER TABLE order_events ADD COLUMN trace_parent TEXT NULL;
ALTER TABLE order_events ADD COLUMN trace_state TEXT NULL;
