import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db';
// Plates go into search_text as "ab 123 cd" + "ab123cd": the tsvector parser would read "ab-123-cd" as
// "ab", "-123" (a signed number), "cd", so a search for "AB-123-CD" would miss it.
import { users } from '@/db/schema';
import { refreshRfm } from '@/lib/analytics/rfm';
import { TAG_DEFINITIONS } from './data';
import { h, landline, lit, LUHN_FUNCTION, mobile, norm, phoneForms, pick, plate, REF } from './large-sql';

export interface SeedLargeOptions {
  customers?: number;
  activitiesPerCustomer?: number;
  invoicesPerCustomer?: number;
  /**
   * Interventions per customer in all (default: one per invoice, ~invoicesPerCustomer): the ones
   * beyond the invoiced are done but not invoiced, or cancelled (1M for 100k customers at 10).
   */
  interventionsPerCustomer?: number;
  log?: (line: string) => void;
}

export interface SeedLargeResult {
  customers: number;
  vehicles: number;
  invoices: number;
  payments: number;
  activities: number;
  interventions: number;
  tasks: number;
  seconds: number;
}

const rowsOf = (r: unknown): Record<string, unknown>[] =>
  Array.isArray(r) ? r : (r as { rows: Record<string, unknown>[] }).rows;

async function scalar(db: DbOrTx, query: string): Promise<number> {
  return Number(Object.values(rowsOf(await db.execute(sql.raw(query)))[0])[0]);
}

/**
 * Benchmark data set, set-based: every table is filled by `insert … select` over generate_series
 * with hash-derived pseudo-random values, so 100k customers / 1M activities take minutes on
 * PostgreSQL and the same SQL runs on PGlite. One transaction: all or nothing. Ids are derived
 * from a per-run tag, so runs add up without colliding; existing users (the demo logins) are
 * reused as actors, never created again.
 */
export async function seedLarge(db: Db, opts: SeedLargeOptions = {}): Promise<SeedLargeResult> {
  const n = opts.customers ?? 100_000;
  const ipc = Math.max(1, Math.round(opts.invoicesPerCustomer ?? 3));
  const apc = opts.activitiesPerCustomer ?? 10;
  const log = opts.log ?? (() => {});
  const run = randomBytes(4).toString('hex');
  const started = Date.now();
  const staff = await db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .orderBy(users.createdAt);
  const pickUser = (role: string) =>
    staff.find((u) => u.role === role) ?? staff.find((u) => u.role === 'admin') ?? null;
  const actor = (role: string) => {
    const u = pickUser(role);
    return u ? `'user', ${lit(u.id)}::uuid, ${lit(u.name)}` : `'system', null::uuid, 'Système'`;
  };
  const technician = staff.find((u) => u.role === 'technician');
  const extraInterventions = Math.max(0, Math.round((opts.interventionsPerCustomer ?? ipc) - ipc));
  // Extra interventions go round every technician, so each one's day ("Ma journée") has a realistic size.
  const technicianIds = staff.filter((u) => u.role === 'technician').map((u) => u.id);
  const techArray = technicianIds.length
    ? `(ARRAY[${technicianIds.map((id) => `${lit(id)}::uuid`).join(',')}])`
    : '(ARRAY[null::uuid])';
  const technicianId = technician ? `${lit(technician.id)}::uuid` : 'null::uuid';
  // Follow-up tasks go round everyone who may be assigned one, so each « Mes tâches » has a realistic size.
  const assignable = staff.filter((u) => u.role !== 'viewer').map((u) => `${lit(u.id)}::uuid`);
  const assigneeArray = assignable.length ? `(ARRAY[${assignable.join(',')}])` : '(ARRAY[null::uuid])';
  const staffId = (role: string) => {
    const u = pickUser(role);
    return u ? `${lit(u.id)}::uuid` : 'null::uuid';
  };
  // Activities per customer beyond the ones invoices bring (intervention + invoice + ~0.85 payment),
  // the creation and ~1.2 consents.
  const extras = Math.max(0, Math.round(apc - 1 - ipc * 2.85 - 1.2));

  const result = await db.transaction(async (tx) => {
    const step = async (label: string, query: string) => {
      const t = Date.now();
      await tx.execute(sql.raw(query));
      log(`  ${label} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    };
    const invoiceBase = await scalar(tx, 'select count(*)::int from invoices');
    await step('fonctions', LUHN_FUNCTION);

    const ch = (salt: string) => h('b.i::text', `${run}${salt}`);
    await step(
      `plan de ${n} clients`,
      `create temp table s_c on commit drop as
       select b.i, md5(${lit(run)} || ':c:' || b.i)::uuid as id,
         ${ch('k')} % 100 < 35 as company,
         ${pick(REF.firstNames, REF.firstCount, ch('f'))} as first_name,
         ${pick(REF.lastNames, REF.lastCount, ch('l'))} as last_name,
         ${pick(REF.companies, REF.companyCount, ch('t'))} as company_tpl,
         ${pick(REF.communeSlots, REF.communeSlotCount, ch('m'))} as cm,
         ${ch('a')} as ha, ${ch('b')} as hb, ${ch('x')} as hx, ${ch('y')} as hy, ${ch('z')} as hz,
         now() - make_interval(days => (${ch('d')} % 1500)::int, hours => (${ch('d')} % 9)::int) as created_at
       from generate_series(1, ${n}) as b(i)`,
    );
    await step(
      'identités',
      `create temp table s_cust on commit drop as
       select s.*, ${REF.cities}[cm] as city, ${REF.postalCodes}[cm] as postal_code, ${REF.zones}[cm] as zone,
         case when company then replace(replace(company_tpl, '{last}', last_name), '{city}', ${REF.cities}[cm]) end as company_name,
         case when company then lpad((10000000 + ha % 89999999)::text, 8, '0') end as siren8,
         ${plate('ha', 'hb')} as plate1, ${plate('hx', 'hy')} as plate2, 1 + hz % 2 as nveh
       from s_c s`,
    );
    await step(
      'clients',
      `insert into customers (id, kind, first_name, last_name, company_name, siret, vat_number, email, phone, mobile,
         address_line1, postal_code, city, country, latitude, longitude, geocode_precision, geocode_source, status,
         archived_at, created_at, updated_at, sort_name, search_text)
       select id, kind, pfirst, plast, company_name, siret, vat, email, phone, mobile, address, postal_code, city, 'FR',
         lat, lon, 'commune', 'seed-large', status, archived_at, created_at, created_at,
         case when company then ${norm('company_name')} else ${norm("last_name || ' ' || first_name")} end,
         concat_ws(' ', ${norm('pfirst')}, ${norm('plast')}, ${norm('company_name')}, email,
           regexp_replace(email, '[^a-z0-9]+', ' ', 'g'), ${phoneForms('phone')}, ${phoneForms('mobile')}, ${norm('city')}, postal_code, siret,
           lower(replace(plate1, '-', ' ')), lower(replace(plate1, '-', '')), case when nveh > 1 then lower(replace(plate2, '-', ' ')) || ' ' || lower(replace(plate2, '-', '')) end)
       from (
         select c.*, case when company then 'company' else 'individual' end as kind,
           case when company then null else c.first_name end as pfirst,
           case when company then null else c.last_name end as plast,
           case when company then c.siren8 || pg_temp.luhn_key(c.siren8) || '000' || (1 + hb % 4)::text
             || pg_temp.luhn_key(c.siren8 || pg_temp.luhn_key(c.siren8) || '000' || (1 + hb % 4)::text) end as siret,
           case when company then 'FR' || lpad(((12 + 3 * ((c.siren8 || pg_temp.luhn_key(c.siren8))::bigint % 97)) % 97)::text, 2, '0')
             || c.siren8 || pg_temp.luhn_key(c.siren8) end as vat,
           case when company then (case hx % 3 when 0 then 'contact@' when 1 then 'accueil@' else 'compta@' end)
                  || trim(both '-' from regexp_replace(${norm('c.company_name')}, '[^a-z0-9]+', '-', 'g')) || '.example'
                when hy % 100 < 85 then regexp_replace(${norm('c.first_name')}, '[^a-z0-9]+', '', 'g') || '.'
                  || regexp_replace(${norm('c.last_name')}, '[^a-z0-9]+', '', 'g') || case when hz % 4 = 0 then (hz % 97)::text else '' end
                  || '@' || ${pick(REF.mailDomains, REF.mailCount, 'hz')} end as email,
           case when company or hz % 5 = 0 then ${landline('c.zone', 'hx', 'hy')} end as phone,
           case when not company or hx % 5 < 2 then ${mobile('c.zone', 'hy', 'ha')} end as mobile,
           (1 + ha % 180)::text || ' ' || ${pick(REF.streets, REF.streetCount, 'hb')} as address,
           ${REF.lats}[cm] + ((hx % 2001) - 1000) * 0.000012 as lat, ${REF.lons}[cm] + ((hy % 2001) - 1000) * 0.000012 as lon,
           case when hz % 100 < 10 then 'inactive' else 'active' end as status,
           case when hz % 100 < 2 then now() - make_interval(days => (hz % 60)::int) end as archived_at
         from s_cust c
       ) x
       order by i`,
    );
    await step(
      'véhicules',
      `insert into vehicles (id, customer_id, plate, vin, make, model, year, mileage, fuel, first_registration_date, created_at, updated_at)
       select md5(${lit(run)} || ':v:' || c.i || ':' || k)::uuid, c.id, case when k = 1 then plate1 else plate2 end,
         ${REF.wmis}[mi] || upper(substr(md5(${lit(run)} || ':vin:' || c.i || ':' || k), 1, 14)),
         ${REF.makes}[mi], ${REF.models}[mi], yr, ((extract(year from now())::int - yr) * (8000 + c.hb % 12000) + c.ha % 999)::int,
         ${REF.fuels}[mi], least(make_date(yr, 1, 1) + ((c.hz + k * 13) % 365)::int, current_date - 30), c.created_at, c.created_at
       from s_cust c cross join lateral generate_series(1, c.nveh) k
       cross join lateral (select (1 + (c.hx + k * 7) % ${REF.modelCount})::int as mi) m
       cross join lateral (select greatest(${REF.modelFrom}[m.mi], extract(year from now())::int - 1 - ((c.hy + k) % 14)::int) as yr) y`,
    );
    await step(
      'contacts',
      `insert into customer_contacts (customer_id, name, role, email, phone, is_primary, created_at, updated_at)
       select id, ${pick(REF.firstNames, REF.firstCount, 'hb')} || ' ' || last_name, 'Gérant', null, ${mobile('zone', 'hz', 'hx')}, true, created_at, created_at
       from s_cust where company`,
    );
    await step(
      'notes',
      `insert into customer_notes (customer_id, author_name, body, pinned, created_at, updated_at)
       select id, 'Système', 'Client importé pour les mesures de performance : ' || coalesce(company_name, first_name || ' ' || last_name) || '.', hz % 4 = 0, created_at, created_at
       from s_cust where hx % 10 < 3`,
    );
    await step(
      'tâches',
      // ~1 task per 2 customers: due from 60 days ago to 60 days ahead (1 in 10 without date), 4 in 10 done.
      `insert into tasks (customer_id, title, due_date, assignee_id, created_by, completed_at, completed_by, created_at, updated_at)
       select id, (array['Rappeler pour le devis','Relancer la facture','Confirmer le rendez-vous','Envoyer le compte rendu'])[1 + hb % 4],
         case when hz % 10 = 0 then null else current_date + ((hz % 121)::int - 60) end,
         a.assignee, a.assignee, case when hy % 10 < 4 then now() - make_interval(days => (hx % 30)::int) end,
         case when hy % 10 < 4 then a.assignee end, created_at, created_at
       from s_cust cross join lateral (select ${assigneeArray}[1 + hb % ${Math.max(1, assignable.length)}] as assignee) a
       where ha % 10 < 5`,
    );
    await step(
      'étiquettes',
      `insert into tags (name, color) values ${TAG_DEFINITIONS.map((t) => `(${lit(t.name)}, ${lit(t.color)})`).join(', ')} on conflict do nothing`,
    );
    await step(
      'clients étiquetés',
      `insert into customer_tags (customer_id, tag_id, created_at)
       select c.id, t.id, c.created_at from s_cust c
       join (select id, row_number() over (order by name) as rn, count(*) over () as cnt from tags) t on t.rn = 1 + c.ha % t.cnt
       where c.hb % 10 < 3`,
    );
    const ih = (salt: string) => h("c.i::text || '-' || j::text", `${run}${salt}`);
    await step(
      `plan de ~${n * ipc} factures`,
      `create temp table s_inv on commit drop as
       select y.*, p.pay_at, case when p.pay_at is not null and p.pay_at < now() then p.pay_cents else 0 end as paid_cents
       from (
         select c.i, j, c.id as customer_id, md5(${lit(run)} || ':i:' || c.i || ':' || j)::uuid as id,
           md5(${lit(run)} || ':t:' || c.i || ':' || j)::uuid as intervention_id, md5(${lit(run)} || ':p:' || c.i || ':' || j)::uuid as payment_id,
           (1 + ${ih('k')} % ${REF.kindCount})::int as ki, c.plate1 as plate,
           c.created_at + (now() - c.created_at) * ((j - 1 + (${ih('s')} % 1000) / 1000.0) / m.cnt) as issued_at,
           (5000 + ${ih('a')} % 150000)::int as ht, ${ih('p')} % 100 as pr, ${ih('d')} as hd, c.company
         from s_cust c cross join lateral (select 1 + c.hb % ${2 * ipc - 1} as cnt) m cross join lateral generate_series(1, m.cnt) j
       ) y0 cross join lateral (
         -- Two lines (labour 40 %, parts the rest), VAT 20 % rounded per line as the app computes it.
         select y0.*, y0.ht * 2 / 5 as labour, y0.ht - y0.ht * 2 / 5 as parts,
           (round((y0.ht * 2 / 5) * 0.2) + round((y0.ht - y0.ht * 2 / 5) * 0.2))::int as vat
       ) y cross join lateral (
         select case when y.pr < 75 then y.issued_at + make_interval(days => (y.hd % 40)::int)
                     when y.pr < 85 then y.issued_at + make_interval(days => (40 + y.hd % 80)::int)
                     when y.pr < 90 then y.issued_at + make_interval(days => 20) end as pay_at,
                case when y.pr < 85 then y.ht + y.vat else (y.ht + y.vat) / 2 end as pay_cents
       ) p`,
    );
    await step(
      'numéros de facture',
      `create temp table s_num on commit drop as
       select id, 'F-' || extract(year from issued_at)::int || '-' || lpad((${invoiceBase} + row_number() over (order by issued_at, id))::text, 7, '0') as number
       from s_inv`,
    );
    // Interventions and their invoices reference each other: one statement inserts both (foreign
    // keys are checked at its end).
    await step(
      'interventions et factures',
      `with iv as (
         insert into interventions (id, customer_id, vehicle_id, technician_id, kind, status, description, address_line1, postal_code, city,
           scheduled_at, duration_minutes, started_at, completed_at, work_done, total_ht_cents, total_ttc_cents, invoice_id, created_by, created_at, updated_at)
         select s.intervention_id, s.customer_id, md5(${lit(run)} || ':v:' || s.i || ':1')::uuid, ${technicianId}, ${REF.kinds}[ki], 'invoiced',
           ${REF.kindLabels}[ki] || ' — ' || plate, c.address_line1, c.postal_code, c.city,
           issued_at - interval '3 hours', 120, issued_at - interval '3 hours', issued_at - interval '1 hour', ${REF.kindLabels}[ki] || ' — ' || plate,
           ht, ht + vat, s.id, ${staffId('manager')}, issued_at - interval '7 days', issued_at
         from s_inv s join customers c on c.id = s.customer_id
         returning 1
       ), inv as (
         insert into invoices (id, customer_id, intervention_id, number, issued_at, due_at, total_ht_cents, vat_cents, total_ttc_cents, paid_cents, status, created_at, updated_at)
         select s.id, customer_id, intervention_id, n.number, issued_at, issued_at + interval '30 days', ht, vat, ht + vat,
           paid_cents, case when paid_cents = 0 then 'unpaid' when paid_cents >= ht + vat then 'paid' else 'partial' end, issued_at, issued_at
         from s_inv s join s_num n on n.id = s.id
         returning 1
       )
       select (select count(*) from iv) as interventions, (select count(*) from inv) as invoices`,
    );
    await step(
      'lignes d’intervention',
      `insert into intervention_lines (intervention_id, position, label, quantity, unit_price_ht_cents, vat_rate_bp, created_at)
       select intervention_id, 0, 'Main-d’œuvre (forfait)', 1, labour, 2000, issued_at from s_inv where labour > 0
       union all
       select intervention_id, 1, 'Pièces et fournitures', 1, parts, 2000, issued_at from s_inv where parts > 0`,
    );
    // Booked visits ahead (one customer in 50, archived ones aside, within two weeks, Paris working hours): the
    // technician's "Ma journée" and the planning have something to show at any scale.
    await step(
      'interventions planifiées',
      `create temp table s_plan on commit drop as
       select md5(${lit(run)} || ':pl:' || c.i)::uuid as id, c.id as customer_id, c.i, c.plate1 as plate,
         (1 + c.hx % ${REF.kindCount})::int as ki,
         (date_trunc('day', now() at time zone 'Europe/Paris') + make_interval(days => (c.hy % 14)::int, hours => 8 + (c.hz % 10)::int, mins => 30 * (c.ha % 2)::int))
           at time zone 'Europe/Paris' as scheduled_at
       from s_cust c where c.i % 50 = 1 and c.hz % 100 >= 2`,
    );
    await step(
      'rendez-vous',
      `insert into interventions (id, customer_id, vehicle_id, technician_id, kind, status, description, address_line1, postal_code, city,
         scheduled_at, duration_minutes, created_by, created_at, updated_at)
       select p.id, p.customer_id, md5(${lit(run)} || ':v:' || p.i || ':1')::uuid, ${technicianId}, ${REF.kinds}[ki], 'planned',
         ${REF.kindLabels}[ki] || ' — ' || plate, c.address_line1, c.postal_code, c.city, scheduled_at, 60, ${staffId('manager')},
         now() - interval '3 days', now() - interval '3 days'
       from s_plan p join customers c on c.id = p.customer_id`,
    );
    if (extraInterventions > 0) {
      const xh = (salt: string) => h("c.i::text || '-' || k::text", `${run}${salt}`);
      // Set-based like the rest: one insert … select over generate_series, no lines (done without
      // charge or cancelled), spread over the customer's life at Paris working hours.
      await step(
        `~${n * extraInterventions} interventions terminées ou annulées (historique)`,
        `insert into interventions (id, customer_id, vehicle_id, technician_id, kind, status, description, address_line1, postal_code, city,
           scheduled_at, duration_minutes, started_at, completed_at, work_done, no_charge, cancel_reason, created_by, created_at, updated_at)
         select md5(${lit(run)} || ':x:' || c.i || ':' || k)::uuid, c.id, md5(${lit(run)} || ':v:' || c.i || ':1')::uuid,
           ${techArray}[1 + ${xh('t')} % ${Math.max(1, technicianIds.length)}], ${REF.kinds}[ki], case when cancelled then 'cancelled' else 'done' end,
           ${REF.kindLabels}[ki] || ' — ' || c.plate1, cu.address_line1, cu.postal_code, cu.city,
           at, 60, case when not cancelled then at end, case when not cancelled then at + interval '1 hour' end,
           case when not cancelled then ${REF.kindLabels}[ki] || ' réalisé.' end, not cancelled,
           case when cancelled then 'Client indisponible' end, ${staffId('manager')}, at - interval '7 days', at
         from s_cust c join customers cu on cu.id = c.id
         cross join lateral generate_series(1, ${extraInterventions}) k
         cross join lateral (
           select (1 + ${xh('k')} % ${REF.kindCount})::int as ki, ${xh('c')} % 20 = 0 as cancelled,
             date_trunc('day', c.created_at + (now() - interval '1 day' - c.created_at) * ((${xh('s')} % 10000) / 10000.0))
               + make_interval(hours => 7 + (${xh('h')} % 10)::int, mins => 30 * (${xh('m')} % 2)::int) as at
         ) x`,
      );
    }
    await step(
      'paiements',
      `insert into payments (id, customer_id, invoice_id, amount_cents, method, paid_at, reference, created_at)
       select payment_id, customer_id, id, paid_cents,
         case when company then (array['transfer','direct-debit','check'])[1 + hd % 3] else (array['card','card','check','cash','transfer'])[1 + hd % 5] end,
         pay_at, null, pay_at from s_inv where paid_cents > 0`,
    );
    await step(
      'consentements',
      `insert into consent_events (customer_id, purpose, channel, granted, source, text_version, proof_text, actor_kind, actor_id, actor_name, occurred_at, created_at)
       select c.id, p.purpose, 'email', true, p.source, p.version, p.proof, ${actor('manager')}, c.created_at, c.created_at
       from customers c join s_c s on s.id = c.id
       cross join lateral (values ('service-notifications', 'paper-form', 'notifications-2023-01', 'Formulaire papier signé à l’atelier', s.hx % 10 < 9),
                                  ('marketing', 'web-form', 'marketing-v2', 'Case cochée sur le formulaire en ligne', s.hy % 10 < 4)) p(purpose, source, version, proof, keep)
       where c.email is not null and p.keep`,
    );
    await step(
      'activités',
      `insert into customer_activity (customer_id, type, title, description, metadata, actor_kind, actor_id, actor_name, related_type, related_id, occurred_at, created_at)
       select id, 'profile', 'Fiche client créée', null, '{}'::jsonb, ${actor('admin')}, 'customer', id::text, created_at, created_at from s_cust
       union all
       select customer_id, 'intervention', 'Intervention terminée : ' || ${REF.kindLabels}[ki], plate,
         jsonb_build_object('interventionId', intervention_id, 'kind', ${REF.kinds}[ki], 'status', 'done'),
         ${actor('technician')}, 'intervention', intervention_id::text, issued_at - interval '1 hour', issued_at - interval '1 hour' from s_inv
       union all
       select customer_id, 'intervention', 'Intervention planifiée : ' || ${REF.kindLabels}[ki], plate,
         jsonb_build_object('interventionId', id, 'kind', ${REF.kinds}[ki], 'status', 'planned'),
         ${actor('manager')}, 'intervention', id::text, now() - interval '3 days', now() - interval '3 days' from s_plan
       union all
       select s.customer_id, 'invoice', 'Facture ' || n.number || ' émise', null, jsonb_build_object('number', n.number, 'totalTtcCents', ht + vat),
         ${actor('manager')}, 'invoice', s.id::text, issued_at, issued_at from s_inv s join s_num n on n.id = s.id
       union all
       select customer_id, 'payment', 'Paiement reçu', null, jsonb_build_object('amountCents', paid_cents), ${actor('manager')}, 'payment', payment_id::text, pay_at, pay_at
       from s_inv where paid_cents > 0
       union all
       select customer_id, 'consent', 'Consentement donné : ' || purpose || ' (' || channel || ')', proof_text, jsonb_build_object('purpose', purpose, 'channel', channel, 'granted', granted),
         actor_kind, actor_id, actor_name, 'consent', id::text, occurred_at, occurred_at
       from consent_events where customer_id in (select id from s_cust)
       union all
       select c.id, (array['call','email','visit','call'])[1 + (c.ha + k) % 4],
         (array['Appel sortant : rappel entretien','E-mail envoyé : confirmation de rendez-vous','Passage à l''agence','Appel entrant : demande de devis'])[1 + (c.ha + k) % 4],
         null, '{}'::jsonb, ${actor('manager')}, null, null, c.created_at + (now() - c.created_at) * ((c.hz + k * 37) % 1000 / 1000.0), now()
       from s_cust c cross join lateral generate_series(1, ${extras}) k`,
    );
    return {
      customers: await scalar(tx, 'select count(*)::int from s_cust'),
      vehicles: await scalar(tx, 'select coalesce(sum(nveh), 0)::int from s_cust'),
      invoices: await scalar(tx, 'select count(*)::int from s_inv'),
      payments: await scalar(tx, 'select count(*)::int from s_inv where paid_cents > 0'),
      interventions: await scalar(
        tx,
        `select (select count(*) from s_inv) + (select count(*) from s_plan) + ${n * extraInterventions}`,
      ),
      tasks: await scalar(tx, 'select count(*)::int from tasks where customer_id in (select id from s_cust)'),
      activities: await scalar(
        tx,
        `select count(*)::int from customer_activity where customer_id in (select id from s_cust)`,
      ),
    };
  });
  const t = Date.now();
  // Fresh statistics: the planner must see the new sizes before anyone measures anything.
  await db.execute(
    sql.raw(
      'analyze customers, vehicles, customer_activity, invoices, payments, interventions, intervention_lines, consent_events, customer_contacts, customer_notes, customer_tags, tasks',
    ),
  );
  log(`  analyze (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  const rfm = await refreshRfm(db);
  log(`  scores RFM (vue matérialisée, ${rfm?.durationMs ?? 0} ms)`);
  return { ...result, seconds: Math.round((Date.now() - started) / 100) / 10 };
}
