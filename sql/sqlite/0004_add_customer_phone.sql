-- The customer's phone number, optional: 3-32 characters of digits, spaces and + - ( ), starting with
-- + or a digit (the API's rule, src/Orders.Api/Orders/OrderRequestFields.cs). Existing orders have none.
-- SQLite cannot add a constraint to a table, but ADD COLUMN may carry a CHECK that names the column;
-- on a nullable column without a default it does not rewrite the table.
ALTER TABLE orders ADD COLUMN customer_phone TEXT NULL CONSTRAINT ck_orders_customer_phone CHECK (
    length(customer_phone) BETWEEN 3 AND 32 AND customer_phone GLOB '[+0-9]*' AND customer_phone NOT GLOB '*[^0-9 +()-]*');
