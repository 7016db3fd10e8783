import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db';
import { numOrNull, sqlRows } from '@/lib/analytics/sql';
import { customerDisplayName } from '@/lib/customers/schema';
import { env } from '@/lib/env';
import { decodeCursor, type Page, toPage } from '@/lib/pagination';
import { readableCustomer } from './guards';
import { vehicleLabel } from './queries';
import type { DueVehiclesQuery } from './schema';
import { addDays, parisToday } from './time';

/**
 * Vehicle follow-up, computed in SQL from the interventions done (or invoiced) on each vehicle:
 * - contrôle technique (French rule): the first one is due 4 years after the first registration;
 *   after a contrôle (an intervention of kind `inspection` done), the next is due 2 years later.
 *   Calendar arithmetic on Paris dates (PostgreSQL `date + interval`: 29 Feb + 2 years = 28 Feb);
 * - service: the last `maintenance` done + SERVICE_INTERVAL_MONTHS (default 12), or its odometer
 *   + SERVICE_INTERVAL_KM (default 15 000): due by mileage as soon as the vehicle's mileage reaches it.
 * A vehicle without a first-registration date nor any contrôle done has no known contrôle date;
 * one never serviced here has no known service date.
 */
export interface VehicleFollowUp {
  vehicleId: string;
  customerId: string;
  label: string;
  plate: string | null;
  mileage: number | null;
  firstRegistrationDate: string | null;
  lastInspectionDate: string | null;
  nextInspectionDue: string | null;
  /** What the contrôle date is computed from. */
  inspectionBasis: 'first-registration' | 'last-inspection' | null;
  lastServiceDate: string | null;
  lastServiceKm: number | null;
  nextServiceDue: string | null;
  nextServiceKm: number | null;
  /** The vehicle's mileage has reached the next service mileage. */
  serviceDueByKm: boolean;
}

export interface DueVehicle extends VehicleFollowUp {
  /** The earliest of the due dates (today when due by mileage). */
  dueDate: string;
  reasons: ('inspection' | 'service')[];
  customer: {
    id: string;
    number: string;
    name: string;
    email: string | null;
    phone: string | null;
    mobile: string | null;
  };
}

interface Row {
  vehicle_id: string;
  customer_id: string;
  plate: string | null;
  make: string | null;
  model: string | null;
  mileage: number | null;
  first_registration_date: string | null;
  last_inspection: string | null;
  inspection_due: string | null;
  last_service: string | null;
  last_service_km: number | null;
  service_due: string | null;
  service_km: number | null;
  km_due: boolean;
}

/**
 * Vehicles matching `where` (on `v`) with their follow-up columns. The last contrôle and entretien
 * are facts kept on the vehicle row by triggers on interventions (db/schema/customers.ts).
 */
function followUpSelect(today: string, where: SQL): SQL {
  const { SERVICE_INTERVAL_MONTHS: months, SERVICE_INTERVAL_KM: km } = env();
  return sql`
    select f.*,
      case when f.last_inspection is not null then (f.last_inspection + interval '2 years')::date
           when f.first_registration_date is not null then (f.first_registration_date + interval '4 years')::date
      end as inspection_due,
      (f.last_service + make_interval(months => ${months}::int))::date as service_due,
      f.last_service_km + ${km}::int as service_km,
      coalesce(f.mileage >= f.last_service_km + ${km}::int, false) as km_due,
      ${today}::date as today
    from (
      select v.id as vehicle_id, v.customer_id, v.plate, v.make, v.model, v.mileage, v.first_registration_date,
        v.last_inspection_date as last_inspection, v.last_service_date as last_service, v.last_service_km
      from vehicles v
      where ${where}
    ) f`;
}

const day = (v: unknown): string | null => (v == null ? null : String(v).slice(0, 10));

function toFollowUp(r: Row): VehicleFollowUp {
  const inspectionDue = day(r.inspection_due);
  return {
    vehicleId: r.vehicle_id,
    customerId: r.customer_id,
    label: vehicleLabel(r),
    plate: r.plate,
    mileage: numOrNull(r.mileage),
    firstRegistrationDate: day(r.first_registration_date),
    lastInspectionDate: day(r.last_inspection),
    nextInspectionDue: inspectionDue,
    inspectionBasis: r.last_inspection ? 'last-inspection' : inspectionDue ? 'first-registration' : null,
    lastServiceDate: day(r.last_service),
    lastServiceKm: numOrNull(r.last_service_km),
    nextServiceDue: day(r.service_due),
    nextServiceKm: numOrNull(r.service_km),
    serviceDueByKm: r.km_due === true || String(r.km_due) === 'true',
  };
}

// Dates come back as text so both drivers return the same "YYYY-MM-DD" strings.
const columns = sql`vehicle_id, customer_id, plate, make, model, mileage::int as mileage,
  first_registration_date::text as first_registration_date, last_inspection::text as last_inspection,
  inspection_due::text as inspection_due, last_service::text as last_service, last_service_km::int as last_service_km,
  service_due::text as service_due, service_km::int as service_km, km_due`;

/** Every vehicle of a customer with its contrôle technique and service dates. */
export async function listVehicleFollowUps(
  db: DbOrTx,
  customerId: string,
  options: { today?: string } = {},
): Promise<VehicleFollowUp[]> {
  await readableCustomer(db, customerId);
  const today = options.today ?? parisToday();
  const rows = await sqlRows<Row>(
    db,
    sql`select ${columns} from (${followUpSelect(today, sql`v.customer_id = ${customerId}`)}) y
      order by plate nulls last, vehicle_id`,
  );
  return rows.map(toFollowUp);
}

const dueCursor = z.object({ d: z.iso.date(), id: z.uuid() });

/**
 * "À relancer" (managers): vehicles whose contrôle technique or service is due by today + `days`
 * (overdue ones included, most urgent first), keyset pages on (due date, vehicle id). Vehicles of
 * erased or archived customers are left out, and so are vehicles that already have an intervention
 * planned or in progress (the appointment is booked).
 */
export async function listDueVehicles(
  db: DbOrTx,
  query: DueVehiclesQuery & { today?: string },
): Promise<Page<DueVehicle> & { until: string }> {
  const today = query.today ?? parisToday();
  const until = addDays(today, query.days);
  const cursor = decodeCursor(query.cursor, dueCursor);
  const rows = await sqlRows<
    Row & {
      due_date: string;
      number: string;
      kind: string;
      first_name: string | null;
      last_name: string | null;
      company_name: string | null;
      email: string | null;
      phone: string | null;
      mobile: string | null;
    }
  >(
    db,
    sql`select ${columns}, due_date::text as due_date, c.number, c.kind, c.first_name, c.last_name, c.company_name,
        c.email, c.phone, c.mobile
      from (
        select y.*, least(inspection_due, service_due, case when km_due then today end) as due_date
        from (${followUpSelect(
          today,
          sql`not exists (select 1 from interventions o where o.vehicle_id = v.id and o.status in ('planned', 'in_progress'))`,
        )}) y
      ) d
      join customers c on c.id = d.customer_id and c.erased_at is null and c.archived_at is null
      where due_date <= ${until}::date
        ${cursor ? sql`and (due_date, vehicle_id) > (${cursor.d}::date, ${cursor.id}::uuid)` : sql``}
      order by due_date, vehicle_id
      limit ${query.limit + 1}`,
  );
  const page = toPage(
    rows,
    query.limit,
    (r): DueVehicle => {
      const followUp = toFollowUp(r);
      const reasons: DueVehicle['reasons'] = [];
      if (followUp.nextInspectionDue && followUp.nextInspectionDue <= until) reasons.push('inspection');
      if ((followUp.nextServiceDue && followUp.nextServiceDue <= until) || followUp.serviceDueByKm)
        reasons.push('service');
      return {
        ...followUp,
        dueDate: day(r.due_date)!,
        reasons,
        customer: {
          id: r.customer_id,
          number: r.number,
          name: customerDisplayName({
            kind: r.kind,
            firstName: r.first_name,
            lastName: r.last_name,
            companyName: r.company_name,
          }),
          email: r.email,
          phone: r.phone,
          mobile: r.mobile,
        },
      };
    },
    (r) => ({ d: day(r.due_date), id: r.vehicle_id }),
  );
  return { ...page, until };
}
