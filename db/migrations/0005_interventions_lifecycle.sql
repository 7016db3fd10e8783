CREATE TABLE "intervention_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"intervention_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"label" text NOT NULL,
	"quantity" numeric(10, 2) NOT NULL,
	"unit_price_ht_cents" integer NOT NULL,
	"vat_rate_bp" integer DEFAULT 2000 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intervention_lines_quantity_ck" CHECK ("intervention_lines"."quantity" > 0),
	CONSTRAINT "intervention_lines_price_ck" CHECK ("intervention_lines"."unit_price_ht_cents" >= 0),
	CONSTRAINT "intervention_lines_vat_ck" CHECK ("intervention_lines"."vat_rate_bp" in (2000,1000,550,210,0))
);
--> statement-breakpoint
ALTER TABLE "interventions" DROP CONSTRAINT "interventions_amount_ck";--> statement-breakpoint
DROP INDEX "interventions_customer_idx";--> statement-breakpoint
DROP INDEX "interventions_vehicle_idx";--> statement-breakpoint
DROP INDEX "interventions_technician_idx";--> statement-breakpoint
DROP INDEX "interventions_status_idx";--> statement-breakpoint
ALTER TABLE "interventions" ALTER COLUMN "status" SET DEFAULT 'planned';--> statement-breakpoint
ALTER TABLE "vehicles" ADD COLUMN "first_registration_date" date;--> statement-breakpoint
ALTER TABLE "customer_documents" ADD COLUMN "intervention_id" uuid;--> statement-breakpoint
ALTER TABLE "interventions" ADD COLUMN "address_line1" text;--> statement-breakpoint
ALTER TABLE "interventions" ADD COLUMN "postal_code" text;--> statement-breakpoint
ALTER TABLE "interventions" ADD COLUMN "city" text;--> statement-breakpoint
ALTER TABLE "interventions" ADD COLUMN "duration_minutes" integer DEFAULT 60 NOT NULL;--> statement-breakpoint
ALTER TABLE "interventions" ADD COLUMN "started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "interventions" ADD COLUMN "odometer_km" integer;--> statement-breakpoint
ALTER TABLE "interventions" ADD COLUMN "work_done" text;--> statement-breakpoint
ALTER TABLE "interventions" ADD COLUMN "no_charge" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "interventions" ADD COLUMN "total_ht_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "interventions" ADD COLUMN "total_ttc_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "interventions" ADD COLUMN "invoice_id" uuid;--> statement-breakpoint
ALTER TABLE "interventions" ADD COLUMN "cancel_reason" text;--> statement-breakpoint
ALTER TABLE "interventions" ADD COLUMN "signature_document_id" uuid;--> statement-breakpoint
ALTER TABLE "interventions" ADD COLUMN "report_document_id" uuid;--> statement-breakpoint
ALTER TABLE "interventions" ADD COLUMN "created_by" uuid;--> statement-breakpoint
-- Hand-written (data), between drizzle-kit's column additions and its constraints: the old
-- statuses and kinds become the new ones before the CHECKs below are added.
-- scheduled → planned; completed → invoiced when an invoice points at it, else done.
UPDATE "interventions" i SET "invoice_id" = x."id", "total_ht_cents" = x."total_ht_cents", "total_ttc_cents" = x."total_ttc_cents"
  FROM (SELECT DISTINCT ON ("intervention_id") "id", "intervention_id", "total_ht_cents", "total_ttc_cents"
        FROM "invoices" WHERE "intervention_id" IS NOT NULL AND "status" <> 'cancelled'
        ORDER BY "intervention_id", "issued_at" DESC, "id") x
  WHERE x."intervention_id" = i."id" AND i."status" = 'completed';--> statement-breakpoint
UPDATE "interventions" SET "status" = CASE
    WHEN "status" = 'scheduled' THEN 'planned'
    WHEN "status" = 'completed' AND "invoice_id" IS NOT NULL THEN 'invoiced'
    WHEN "status" = 'completed' THEN 'done'
    WHEN "status" IN ('in_progress', 'cancelled') THEN "status"
    ELSE 'planned' END;--> statement-breakpoint
-- Old kinds outside the new list: windscreens are bodywork work; air conditioning is "other"
-- (not an entretien: it must not reset the service interval).
UPDATE "interventions" SET "kind" = CASE WHEN "kind" = 'glass' THEN 'bodywork' ELSE 'other' END
  WHERE "kind" NOT IN ('maintenance', 'repair', 'diagnostic', 'inspection', 'tyres', 'bodywork', 'other');--> statement-breakpoint
-- Amounts: the old single HT amount becomes one line (20 % VAT, the rate the old data used), so the
-- totals stay computable from the lines; invoiced rows keep their invoice's exact totals.
UPDATE "interventions" SET "total_ht_cents" = "amount_cents", "total_ttc_cents" = "amount_cents" + round("amount_cents" * 0.2)::int
  WHERE "invoice_id" IS NULL;--> statement-breakpoint
INSERT INTO "intervention_lines" ("intervention_id", "position", "label", "quantity", "unit_price_ht_cents", "vat_rate_bp")
  SELECT "id", 0, coalesce(nullif(left("description", 200), ''), 'Prestation'), 1, "amount_cents", 2000
  FROM "interventions" WHERE "amount_cents" > 0;--> statement-breakpoint
UPDATE "interventions" SET "work_done" = "description" WHERE "status" IN ('done', 'invoiced');--> statement-breakpoint
UPDATE "interventions" i SET "address_line1" = c."address_line1", "postal_code" = c."postal_code", "city" = c."city"
  FROM "customers" c WHERE c."id" = i."customer_id" AND c."erased_at" IS NULL;--> statement-breakpoint
ALTER TABLE "intervention_lines" ADD CONSTRAINT "intervention_lines_intervention_id_interventions_id_fk" FOREIGN KEY ("intervention_id") REFERENCES "public"."interventions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "intervention_lines_position_uq" ON "intervention_lines" USING btree ("intervention_id","position");--> statement-breakpoint
ALTER TABLE "customer_documents" ADD CONSTRAINT "customer_documents_intervention_id_interventions_id_fk" FOREIGN KEY ("intervention_id") REFERENCES "public"."interventions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interventions" ADD CONSTRAINT "interventions_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interventions" ADD CONSTRAINT "interventions_signature_document_id_customer_documents_id_fk" FOREIGN KEY ("signature_document_id") REFERENCES "public"."customer_documents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interventions" ADD CONSTRAINT "interventions_report_document_id_customer_documents_id_fk" FOREIGN KEY ("report_document_id") REFERENCES "public"."customer_documents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interventions" ADD CONSTRAINT "interventions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_documents_intervention_idx" ON "customer_documents" USING btree ("intervention_id");--> statement-breakpoint
CREATE INDEX "interventions_invoice_idx" ON "interventions" USING btree ("invoice_id");--> statement-breakpoint
CREATE INDEX "interventions_customer_idx" ON "interventions" USING btree ("customer_id","scheduled_at","id");--> statement-breakpoint
CREATE INDEX "interventions_vehicle_idx" ON "interventions" USING btree ("vehicle_id","kind","completed_at");--> statement-breakpoint
CREATE INDEX "interventions_technician_idx" ON "interventions" USING btree ("technician_id","scheduled_at","id");--> statement-breakpoint
CREATE INDEX "interventions_status_idx" ON "interventions" USING btree ("status","scheduled_at");--> statement-breakpoint
ALTER TABLE "interventions" ADD CONSTRAINT "interventions_status_ck" CHECK ("interventions"."status" in ('planned','in_progress','done','invoiced','cancelled'));--> statement-breakpoint
ALTER TABLE "interventions" ADD CONSTRAINT "interventions_kind_ck" CHECK ("interventions"."kind" in ('maintenance','repair','diagnostic','inspection','tyres','bodywork','other'));--> statement-breakpoint
ALTER TABLE "interventions" ADD CONSTRAINT "interventions_totals_ck" CHECK ("interventions"."total_ht_cents" >= 0 and "interventions"."total_ttc_cents" >= "interventions"."total_ht_cents");--> statement-breakpoint
ALTER TABLE "interventions" ADD CONSTRAINT "interventions_duration_ck" CHECK ("interventions"."duration_minutes" between 5 and 1440);--> statement-breakpoint
ALTER TABLE "interventions" ADD CONSTRAINT "interventions_odometer_ck" CHECK ("interventions"."odometer_km" is null or "interventions"."odometer_km" between 0 and 5000000);--> statement-breakpoint
ALTER TABLE "interventions" DROP COLUMN "amount_cents";--> statement-breakpoint
-- Hand-written: visits are now interventions done or invoiced (was: completed). Same signature,
-- so the materialized views built on the function keep working; their next refresh uses this body.
-- The segment CASE is unchanged from 0004 (tests/unit/rfm-segments.test.ts reads the latest one).
CREATE OR REPLACE FUNCTION customer_rfm_compute()
RETURNS TABLE (customer_id uuid, last_at timestamptz, frequency int, monetary bigint, avg_interval float8, r int, f int, m int, segment text)
LANGUAGE sql STABLE AS $$
  WITH visits AS (
    SELECT customer_id,
      max(completed_at) AS last_visit,
      min(completed_at) AS first_visit,
      count(*) AS visits_all,
      count(*) FILTER (WHERE completed_at >= now() - interval '24 months') AS visits_window
    FROM public.interventions
    WHERE status IN ('done', 'invoiced') AND completed_at IS NOT NULL
    GROUP BY customer_id
  ), billed AS (
    SELECT customer_id, max(issued_at) AS last_invoice
    FROM public.invoices WHERE status <> 'cancelled'
    GROUP BY customer_id
  ), paid AS (
    SELECT customer_id, sum(amount_cents) AS paid
    FROM public.payments WHERE paid_at >= now() - interval '24 months'
    GROUP BY customer_id
  ), facts AS (
    SELECT c.id AS customer_id,
      greatest(v.last_visit, b.last_invoice) AS last_at,
      coalesce(v.visits_window, 0) AS frequency,
      coalesce(p.paid, 0) AS monetary,
      CASE WHEN v.visits_all >= 2
        THEN extract(epoch FROM v.last_visit - v.first_visit) / 86400.0 / (v.visits_all - 1) END AS avg_interval
    FROM public.customers c
    LEFT JOIN visits v ON v.customer_id = c.id
    LEFT JOIN billed b ON b.customer_id = c.id
    LEFT JOIN paid p ON p.customer_id = c.id
    WHERE c.status = 'active'
  ), scored AS (
    SELECT customer_id, last_at, frequency, monetary, avg_interval,
      ntile(5) OVER (ORDER BY last_at ASC NULLS FIRST, customer_id) AS r,
      ntile(5) OVER (ORDER BY frequency, customer_id) AS f,
      ntile(5) OVER (ORDER BY monetary, customer_id) AS m
    FROM facts
  )
  SELECT customer_id,
    last_at,
    frequency::int AS frequency,
    monetary::bigint AS monetary,
    avg_interval::float8 AS avg_interval,
    r::int AS r, f::int AS f, m::int AS m,
    (CASE
      WHEN r BETWEEN 4 AND 5 AND f BETWEEN 4 AND 5 AND m BETWEEN 4 AND 5 THEN 'champions'
      WHEN r BETWEEN 3 AND 5 AND f BETWEEN 4 AND 5 THEN 'loyal'
      WHEN r = 5 AND f BETWEEN 1 AND 2 THEN 'new'
      WHEN r BETWEEN 3 AND 5 AND f BETWEEN 1 AND 3 THEN 'potential'
      WHEN r BETWEEN 1 AND 2 AND f BETWEEN 4 AND 5 AND m BETWEEN 4 AND 5 THEN 'cant-lose'
      WHEN r BETWEEN 1 AND 2 AND f BETWEEN 3 AND 5 THEN 'at-risk'
      WHEN r = 2 AND f BETWEEN 1 AND 2 THEN 'hibernating'
      ELSE 'lost'
    END)::text AS segment
  FROM scored
$$;
