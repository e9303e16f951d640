-- Seeds the catalogue once; a restart against PostgreSQL keeps the current stock levels.
INSERT INTO stock (sku, available, reserved)
  SELECT 'TSHIRT-M', 100, 0 WHERE NOT EXISTS (SELECT 1 FROM stock WHERE sku = 'TSHIRT-M');
INSERT INTO stock (sku, available, reserved)
  SELECT 'MUG', 50, 0 WHERE NOT EXISTS (SELECT 1 FROM stock WHERE sku = 'MUG');
INSERT INTO stock (sku, available, reserved)
  SELECT 'POSTER', 5, 0 WHERE NOT EXISTS (SELECT 1 FROM stock WHERE sku = 'POSTER');
