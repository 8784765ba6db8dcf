-- The create's trace context, stored with its event in the same transaction (docs/operations.md,
-- "Tracing"): the W3C traceparent of the create (55 characters for version 00) and its tracestate
-- (at most 512 characters by the W3C limit), both NULL when the create ran outside any trace. The
-- relay publishes them as the message's traceparent and tracestate headers.
-- One column per ALTER TABLE: Babelfish refuses a list of columns in one ADD (a syntax error at the
-- second), which SQL Server accepts; the two statements give the same schema.
ALTER TABLE dbo.order_events ADD trace_parent varchar(55) NULL;
ALTER TABLE dbo.order_events ADD trace_state varchar(512) NULL;
