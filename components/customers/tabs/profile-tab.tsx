import { can } from '@/lib/auth/permissions';
import { requirePageActor } from '@/lib/auth/session';
import { formatPhone } from '@/lib/validation';
import { FUEL_LABELS } from '@/lib/vehicles/schema';
import { loadCustomer } from '../load-customer';
import { ContactsSection } from '../profile/contacts-section';
import { IdentitySection } from '../profile/identity-section';
import { LocationSection } from '../profile/location-section';
import { NotesSection } from '../profile/notes-section';
import { TagsSection } from '../profile/tags-section';
import { VehiclesSection } from '../profile/vehicles-section';

/**
 * The Profile tab: a vertical list of independent sections. Other features add their own section
 * here (one line each: notes, tags, map and distances), keeping their data loading inside it.
 * The customer comes from the per-request cache shared with the 360 layout (no second query).
 */
export async function ProfileTab({ customerId }: { customerId: string }) {
  const actor = await requirePageActor('customer.read');
  const customer = await loadCustomer(customerId);
  const canFieldUpdate = can(actor.role, 'customer.field-update') && !customer.erasedAt;

  return (
    <div className="space-y-4">
      <IdentitySection customer={customer} />
      <ContactsSection
        customerId={customer.id}
        contacts={customer.contacts.map((c) => ({ ...c, phoneDisplay: c.phone ? formatPhone(c.phone) : null }))}
        canEdit={canFieldUpdate}
      />
      <VehiclesSection
        customerId={customer.id}
        vehicles={customer.vehicles.map((v) => ({ ...v, fuelLabel: v.fuel ? FUEL_LABELS[v.fuel] : null }))}
        canEdit={canFieldUpdate}
      />
      <LocationSection customerId={customerId} />
      <TagsSection customerId={customerId} />
      <NotesSection customerId={customerId} />
    </div>
  );
}
