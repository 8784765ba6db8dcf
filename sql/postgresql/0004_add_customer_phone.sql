-- The customer's phone number, optional: 3-32 characters of digits, spaces and + - ( ), starting with
-- + or a digit (the API's rule, src/Orders.Api/Orders/OrderRequestFields.cs). Existing orders have none.
-- Adding a nullable column without a default only changes the catalog: no table rewrite, and on a
-- Citus coordinator the ALTER is propagated to every shard.
ALTER TABLE orders ADD COLUMN customer_phone varchar(32) NULL;

ALTER TABLE orders ADD CONSTRAINT ck_orders_customer_phone CHECK (customer_phone ~ '^[+0-9][0-9 +()-]{2,31}$');
