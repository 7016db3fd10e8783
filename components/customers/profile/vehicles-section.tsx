'use client';

import dynamic from 'next/dynamic';
import { formatNumber } from '@/components/ui/format';
import { Skeleton } from '@/components/ui/skeleton';
import type { VehicleDto } from '@/lib/customers/types';
import { deleteVehicleAction } from '@/lib/vehicles/actions';
import { EntityListSection } from './entity-list-section';

// Loaded on demand: keeps zod, libphonenumber and the db enums out of the customer page's first load.
const VehicleForm = dynamic(() => import('./vehicle-form').then((m) => m.VehicleForm), {
  loading: () => <Skeleton className="h-48 w-full" />,
});

/** Vehicle + its fuel label computed on the server (so this file needs no schema import). */
export type VehicleView = VehicleDto & { fuelLabel: string | null };

function vehicleName(v: VehicleDto): string {
  return v.plate ?? v.vin ?? ([v.make, v.model].filter(Boolean).join(' ') || 'Véhicule');
}

export function VehiclesSection({
  customerId,
  vehicles,
  canEdit,
}: {
  customerId: string;
  vehicles: VehicleView[];
  canEdit: boolean;
}) {
  return (
    <EntityListSection
      customerId={customerId}
      title={`Véhicules (${vehicles.length})`}
      items={vehicles}
      canEdit={canEdit}
      addLabel="Ajouter un véhicule"
      empty={{ title: 'Aucun véhicule', description: 'Ajoutez le véhicule avec son immatriculation ou son VIN.' }}
      form={(v, onDone) => <VehicleForm customerId={customerId} vehicle={v} onDone={onDone} />}
      editLabel={(v) => `Modifier le véhicule ${vehicleName(v)}`}
      remove={{
        action: deleteVehicleAction,
        label: (v) => `Supprimer le véhicule ${vehicleName(v)}`,
        title: 'Supprimer ce véhicule ?',
        description: (v) => (
          <>
            Le véhicule <strong>{vehicleName(v)}</strong> sera retiré de la fiche. Les interventions déjà réalisées
            restent dans l’historique.
          </>
        ),
      }}
      classNames={{
        list: 'grid gap-3 lg:grid-cols-2',
        formItem: 'lg:col-span-2',
        item: 'flex flex-col gap-2 rounded-md border border-slate-200 p-3',
        buttons: 'flex gap-2',
      }}
      itemTestId="vehicle-card"
      renderItem={(v) => (
        <>
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <p className="font-mono text-base font-semibold tracking-wide text-slate-900">
              {v.plate ?? 'Sans immatriculation'}
            </p>
            {v.fuelLabel && <span className="text-sm text-slate-600">{v.fuelLabel}</span>}
          </div>
          <p className="text-sm text-slate-800">
            {[v.make, v.model].filter(Boolean).join(' ') || 'Marque et modèle non renseignés'}
            {v.year && <> · {v.year}</>}
            {v.mileage != null && <> · {formatNumber(v.mileage, 0)} km</>}
          </p>
          {v.vin && <p className="font-mono text-xs break-all text-slate-600">VIN {v.vin}</p>}
        </>
      )}
    />
  );
}
