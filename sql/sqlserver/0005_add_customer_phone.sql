-- The customer's phone number, optional: 3-32 characters of digits, spaces and + - ( ), starting with
-- + or a digit (the API's rule, src/Orders.Api/Orders/OrderRequestFields.cs). Existing orders have none.
-- DATALENGTH, not LEN: LEN ignores trailing spaces. varchar holds one byte per character, and every
-- allowed character is ASCII. The hyphen is removed before the character-class test rather than
-- listed in it: Babelfish 4.4 mistranslates a class ending in '-' ('12x4' LIKE '%[^0-9-]%' is false
-- there, true on SQL Server), and this form means the same on both.
ALTER TABLE dbo.orders ADD customer_phone varchar(32) NULL;
GO

ALTER TABLE dbo.orders ADD CONSTRAINT ck_orders_customer_phone CHECK (
    DATALENGTH(customer_phone) BETWEEN 3 AND 32
    AND customer_phone LIKE '[+0-9]%'
    AND REPLACE(customer_phone, '-', '') NOT LIKE '%[^0-9 +()]%');
