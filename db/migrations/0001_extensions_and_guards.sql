-- Trigram similarity for duplicate detection (available in PostgreSQL contrib and in PGlite).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "customers_sort_name_trgm_idx" ON "customers" USING gin ("sort_name" gin_trgm_ops);
--> statement-breakpoint
-- consent_events is append-only: the proof of consent must never be rewritten.
-- The only exception is GDPR erasure, which runs `SET LOCAL c360.gdpr_erasure = 'on'` inside its
-- own transaction to strip personal details while keeping the minimal proof of withdrawal.
CREATE OR REPLACE FUNCTION consent_events_append_only() RETURNS trigger AS $$
BEGIN
  IF coalesce(current_setting('c360.gdpr_erasure', true), '') = 'on' THEN
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'consent_events is append-only (% refused)', TG_OP USING ERRCODE = 'P0001';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER consent_events_no_update BEFORE UPDATE OR DELETE ON "consent_events"
  FOR EACH ROW EXECUTE FUNCTION consent_events_append_only();
