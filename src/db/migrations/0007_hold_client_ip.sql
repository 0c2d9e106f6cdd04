ALTER TABLE "holds" ADD COLUMN "client_ip" text;--> statement-breakpoint
CREATE INDEX "holds_active_show_ip_idx" ON "holds" USING btree ("show_id","client_ip") WHERE "holds"."status" = 'ACTIVE' AND "holds"."client_ip" IS NOT NULL;
