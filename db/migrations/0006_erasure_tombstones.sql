CREATE TABLE "erasure_tombstones" (
	"hash" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"erased_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
-- The old cache rows are keyed by addresses in clear and carry labels: a cache, so simply emptied.
DELETE FROM "geocode_cache";
--> statement-breakpoint
ALTER TABLE "geocode_cache" DROP COLUMN "label";
