CREATE INDEX "customer_contacts_search_trgm_idx" ON "customer_contacts" USING gin (translate(lower("name" || ' ' || coalesce("email", '') || ' ' || coalesce("phone", '')), 'àáâãäåçèéêëìíîïñòóôõöùúûüýÿ', 'aaaaaaceeeeiiiinooooouuuuyy') gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customers_number_trgm_idx" ON "customers" USING gin ("number" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "vehicles_plate_compact_trgm_idx" ON "vehicles" USING gin (replace(replace("plate", '-', ''), ' ', '') gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "vehicles_vin_trgm_idx" ON "vehicles" USING gin ("vin" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "invoices_number_trgm_idx" ON "invoices" USING gin ("number" gin_trgm_ops);