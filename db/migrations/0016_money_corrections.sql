CREATE TABLE "credit_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"number" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"total_ht_cents" integer NOT NULL,
	"vat_cents" integer NOT NULL,
	"total_ttc_cents" integer NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_notes_amounts_ck" CHECK ("credit_notes"."total_ht_cents" >= 0 and "credit_notes"."vat_cents" >= 0 and "credit_notes"."total_ttc_cents" > 0 and "credit_notes"."total_ttc_cents" = "credit_notes"."total_ht_cents" + "credit_notes"."vat_cents")
);
--> statement-breakpoint
CREATE TABLE "refunds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"amount_cents" integer NOT NULL,
	"method" text NOT NULL,
	"refunded_at" timestamp with time zone NOT NULL,
	"reference" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "refunds_amount_ck" CHECK ("refunds"."amount_cents" > 0)
);
--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "credited_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "refunded_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "balance_cents" integer GENERATED ALWAYS AS (case when status = 'cancelled' then 0 else total_ttc_cents - credited_cents - paid_cents + refunded_cents end) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "cancel_reason" text;--> statement-breakpoint
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "credit_notes_number_uq" ON "credit_notes" USING btree ("number");--> statement-breakpoint
CREATE INDEX "credit_notes_customer_idx" ON "credit_notes" USING btree ("customer_id","issued_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "credit_notes_invoice_idx" ON "credit_notes" USING btree ("invoice_id");--> statement-breakpoint
CREATE INDEX "refunds_customer_idx" ON "refunds" USING btree ("customer_id","refunded_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "refunds_invoice_idx" ON "refunds" USING btree ("invoice_id");--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_credited_ck" CHECK ("invoices"."credited_cents" >= 0 and "invoices"."credited_cents" <= "invoices"."total_ttc_cents");--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_refunded_ck" CHECK ("invoices"."refunded_cents" >= 0 and "invoices"."refunded_cents" <= "invoices"."paid_cents" and "invoices"."refunded_cents" <= "invoices"."credited_cents");--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_cancelled_ck" CHECK ("invoices"."cancelled_at" is null or "invoices"."status" = 'cancelled');--> statement-breakpoint
-- Hand-written: RFM monetary = money kept over 24 months, i.e. payments received minus refunds paid back
-- (lib/finances/corrections.ts). Same signature, so the materialized views built on the function keep
-- working; their next refresh uses this body. The segment CASE is unchanged from 0004
-- (tests/unit/rfm-segments.test.ts reads the latest one).
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
    SELECT customer_id, greatest(sum(amount), 0) AS paid
    FROM (
      SELECT customer_id, amount_cents AS amount
      FROM public.payments WHERE paid_at >= now() - interval '24 months'
      UNION ALL
      SELECT customer_id, -amount_cents
      FROM public.refunds WHERE refunded_at >= now() - interval '24 months'
    ) money
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
