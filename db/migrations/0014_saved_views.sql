CREATE TABLE "saved_views" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"filters" jsonb NOT NULL,
	"owner_user_id" uuid,
	"owner_token_id" uuid,
	"shared" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "saved_views_owner_ck" CHECK (num_nonnulls("saved_views"."owner_user_id", "saved_views"."owner_token_id") = 1),
	CONSTRAINT "saved_views_name_ck" CHECK (char_length("saved_views"."name") between 1 and 60)
);
--> statement-breakpoint
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_owner_token_id_api_tokens_id_fk" FOREIGN KEY ("owner_token_id") REFERENCES "public"."api_tokens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "saved_views_user_name_uq" ON "saved_views" USING btree ("owner_user_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "saved_views_token_name_uq" ON "saved_views" USING btree ("owner_token_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "saved_views_user_shared_uq" ON "saved_views" USING btree ("owner_user_id") WHERE "saved_views"."shared";--> statement-breakpoint
CREATE UNIQUE INDEX "saved_views_token_shared_uq" ON "saved_views" USING btree ("owner_token_id") WHERE "saved_views"."shared";