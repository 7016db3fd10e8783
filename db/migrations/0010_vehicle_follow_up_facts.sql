ALTER TABLE "vehicles" ADD COLUMN "last_inspection_date" date;--> statement-breakpoint
ALTER TABLE "vehicles" ADD COLUMN "last_service_date" date;--> statement-breakpoint
ALTER TABLE "vehicles" ADD COLUMN "last_service_km" integer;--> statement-breakpoint
-- Recomputes the follow-up facts of the given vehicles from their interventions (two probes of
-- interventions_vehicle_idx per vehicle). A contrôle or entretien counts once done or invoiced.
CREATE FUNCTION vehicles_follow_up_refresh(ids uuid[]) RETURNS void AS $$
  UPDATE vehicles v
  SET last_inspection_date = f.last_inspection, last_service_date = f.last_service, last_service_km = f.last_service_km
  FROM (
    SELECT x.id,
      (SELECT (max(i.completed_at) AT TIME ZONE 'Europe/Paris')::date FROM interventions i
        WHERE i.vehicle_id = x.id AND i.kind = 'inspection' AND i.status IN ('done', 'invoiced')) AS last_inspection,
      sv.last_service, sv.last_service_km
    FROM (SELECT DISTINCT unnest(ids) AS id) x
    LEFT JOIN LATERAL (
      SELECT (i.completed_at AT TIME ZONE 'Europe/Paris')::date AS last_service, i.odometer_km AS last_service_km
      FROM interventions i
      WHERE i.vehicle_id = x.id AND i.kind = 'maintenance' AND i.status IN ('done', 'invoiced')
        AND i.completed_at IS NOT NULL
      ORDER BY i.completed_at DESC
      LIMIT 1
    ) sv ON true
  ) f
  WHERE v.id = f.id
    AND (v.last_inspection_date, v.last_service_date, v.last_service_km)
      IS DISTINCT FROM (f.last_inspection, f.last_service, f.last_service_km);
$$ LANGUAGE sql;
--> statement-breakpoint
-- Statement-level triggers with transition tables: a bulk insert (seed, import) refreshes each
-- touched vehicle once, not once per row.
CREATE FUNCTION vehicles_follow_up_trigger() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM vehicles_follow_up_refresh(ARRAY(SELECT vehicle_id FROM new_rows WHERE vehicle_id IS NOT NULL));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM vehicles_follow_up_refresh(ARRAY(
      SELECT vehicle_id FROM new_rows WHERE vehicle_id IS NOT NULL
      UNION SELECT vehicle_id FROM old_rows WHERE vehicle_id IS NOT NULL));
  ELSE
    PERFORM vehicles_follow_up_refresh(ARRAY(SELECT vehicle_id FROM old_rows WHERE vehicle_id IS NOT NULL));
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER vehicles_follow_up_on_insert AFTER INSERT ON interventions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION vehicles_follow_up_trigger();
--> statement-breakpoint
CREATE TRIGGER vehicles_follow_up_on_update AFTER UPDATE ON interventions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION vehicles_follow_up_trigger();
--> statement-breakpoint
CREATE TRIGGER vehicles_follow_up_on_delete AFTER DELETE ON interventions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION vehicles_follow_up_trigger();
--> statement-breakpoint
-- Existing bases: the facts of every vehicle that has a done contrôle or entretien.
SELECT vehicles_follow_up_refresh(ARRAY(
  SELECT DISTINCT vehicle_id FROM interventions
  WHERE vehicle_id IS NOT NULL AND kind IN ('inspection', 'maintenance') AND status IN ('done', 'invoiced')));
