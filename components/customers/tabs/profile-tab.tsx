import type { Actor } from '@/lib/auth/actor';
import type { CustomerAbilities } from '@/lib/auth/permissions';
import type { CustomerDetail } from '@/lib/customers/queries';
import { formatPhone } from '@/components/ui/format/phone';
import { FUEL_LABELS } from '@/lib/vehicles/schema';
import { ContactsSection } from '../profile/contacts-section';
import { IdentitySection } from '../profile/identity-section';
import { LocationSection } from '../profile/location-section';
import { NotesSection } from '../profile/notes-section';
import { TagsSection } from '../profile/tags-section';
import { VehiclesSection } from '../profile/vehicles-section';

/**
 * The Profile tab: a vertical list of independent sections. Other features add their own section
 * here (one line each: notes, tags, map and distances); a section that needs more than the customer
 * awaits its own lib loader. The customer is the one the 360 layout loaded (no second query).
 */
export function ProfileTab({
  customer,
  abilities,
  viewer,
}: {
  customer: CustomerDetail;
  abilities: CustomerAbilities;
  viewer: Actor;
}) {
  return (
    <div className="space-y-4">
      <IdentitySection customer={customer} />
      <ContactsSection
        customerId={customer.id}
        contacts={customer.contacts.map((c) => ({ ...c, phoneDisplay: c.phone ? formatPhone(c.phone) : null }))}
        canEdit={abilities.fieldUpdate}
      />
      <VehiclesSection
        customerId={customer.id}
        vehicles={customer.vehicles.map((v) => ({ ...v, fuelLabel: v.fuel ? FUEL_LABELS[v.fuel] : null }))}
        canEdit={abilities.fieldUpdate}
      />
      <LocationSection customer={customer} canEdit={abilities.fieldUpdate} />
      <TagsSection customerId={customer.id} tags={customer.tags} canEdit={abilities.update} />
      <NotesSection customerId={customer.id} viewer={viewer} abilities={abilities} />
    </div>
  );
}
