-- The last known value of each Odoo field a model's mapping tracks besides the state (e.g. an
-- invoice's payment_state), as a JSON object of text values: {"payment_state": "paid"}.
ALTER TABLE odoo_record_state ADD COLUMN tracked text;
