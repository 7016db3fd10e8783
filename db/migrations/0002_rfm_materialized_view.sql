CREATE TABLE "rfm_snapshots" (
	"id" smallint PRIMARY KEY NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL,
	"duration_ms" integer NOT NULL,
	"total" integer NOT NULL,
	"stats" jsonb NOT NULL
);
--> statement-breakpoint
-- Base-wide RFM over the ACTIVE customers (lib/analytics/rfm.ts documents the definitions and
-- when the view is refreshed). Scores are quintiles (ntile(5), 5 = best, ties broken by id); the
-- segment CASE mirrors SEGMENT_RULES in lib/analytics/segments-rules.ts (a test checks every row
-- against the TS rule table, so a change of rules needs a new migration redefining this view).
CREATE MATERIALIZED VIEW "customer_rfm" AS
WITH visits AS (
  SELECT customer_id,
    max(completed_at) AS last_visit,
    min(completed_at) AS first_visit,
    count(*) AS visits_all,
    count(*) FILTER (WHERE completed_at >= now() - interval '24 months') AS visits_window
  FROM interventions
  WHERE status = 'completed' AND completed_at IS NOT NULL
  GROUP BY customer_id
), billed AS (
  SELECT customer_id, max(issued_at) AS last_invoice
  FROM invoices WHERE status <> 'cancelled'
  GROUP BY customer_id
), paid AS (
  SELECT customer_id, sum(amount_cents) AS paid
  FROM payments WHERE paid_at >= now() - interval '24 months'
  GROUP BY customer_id
), facts AS (
  SELECT c.id AS customer_id,
    greatest(v.last_visit, b.last_invoice) AS last_at,
    coalesce(v.visits_window, 0) AS frequency,
    coalesce(p.paid, 0) AS monetary,
    CASE WHEN v.visits_all >= 2
      THEN extract(epoch FROM v.last_visit - v.first_visit) / 86400.0 / (v.visits_all - 1) END AS avg_interval
  FROM customers c
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
FROM scored;
--> statement-breakpoint
-- Required by REFRESH ... CONCURRENTLY; also the per-customer lookup.
CREATE UNIQUE INDEX "customer_rfm_customer_idx" ON "customer_rfm" ("customer_id");
--> statement-breakpoint
-- The list's segment filter (/customers?segment=).
CREATE INDEX "customer_rfm_segment_idx" ON "customer_rfm" ("segment");
