import type { Actor } from '@/lib/auth/actor';
import { can, type CustomerAbilities } from '@/lib/auth/permissions';
import type { CustomerDetail } from '@/lib/customers/queries';
import { formatPhone } from '@/components/ui/format/phone';
import { FUEL_LABELS } from '@/lib/vehicles/schema';
import { ContactsSection } from '../profile/contacts-section';
import { IdentitySection } from '../profile/identity-section';
import { LocationSection } from '../profile/location-section';
import { NotesSection } from '../profile/notes-section';
import { OnSiteSection } from '../profile/on-site-card';
import { TagsSection } from '../profile/tags-section';
import { TasksSection } from '../profile/tasks-section';
import { VehiclesSection } from '../profile/vehicles-section';

/**
 * The Profile tab. Phones open on the « Sur place » card (address with « Itinéraire », vehicles, the
 * job at hand); from lg, two dense columns: the record (details, contacts, notes, tags) on the left,
 * the address with its map and the vehicles on the right. Name, phones and e-mail are in the header
 * and not repeated. A section that needs more than the customer awaits its own lib loader; the
 * customer is the one the 360 layout loaded (no second query).
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
      <OnSiteSection customer={customer} withIntervention={can(viewer.role, 'intervention.read')} />
      <div className="grid items-start gap-4 lg:grid-cols-2">
        <div className="grid gap-4">
          <IdentitySection customer={customer} />
          <TasksSection customerId={customer.id} viewer={viewer} abilities={abilities} />
          <ContactsSection
            customerId={customer.id}
            contacts={customer.contacts.map((c) => ({ ...c, phoneDisplay: c.phone ? formatPhone(c.phone) : null }))}
            canEdit={abilities.fieldUpdate}
          />
          <NotesSection customerId={customer.id} viewer={viewer} abilities={abilities} />
          <TagsSection customerId={customer.id} tags={customer.tags} canEdit={abilities.update} />
        </div>
        <div className="grid gap-4">
          <LocationSection customer={customer} canEdit={abilities.fieldUpdate} />
          <VehiclesSection
            customerId={customer.id}
            vehicles={customer.vehicles.map((v) => ({ ...v, fuelLabel: v.fuel ? FUEL_LABELS[v.fuel] : null }))}
            canEdit={abilities.fieldUpdate}
          />
        </div>
      </div>
    </div>
  );
}
