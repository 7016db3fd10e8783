'use client';

import dynamic from 'next/dynamic';
import { useCallback, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { formatNumber } from '@/components/ui/format';
import { Skeleton } from '@/components/ui/skeleton';
import { useToast } from '@/components/ui/toast';
import type { VehicleDto } from '@/lib/customers/types';
import { deleteVehicleAction } from '@/lib/vehicles/actions';

// Loaded on demand: keeps zod, libphonenumber and the db enums out of the customer page's first load.
const VehicleForm = dynamic(() => import('./vehicle-form').then((m) => m.VehicleForm), {
  loading: () => <Skeleton className="h-48 w-full" />,
});

/** Vehicle + its fuel label computed on the server (so this file needs no schema import). */
export type VehicleView = VehicleDto & { fuelLabel: string | null };

function vehicleName(v: VehicleDto): string {
  return v.plate ?? v.vin ?? ([v.make, v.model].filter(Boolean).join(' ') || 'Véhicule');
}

export function VehiclesSection({ customerId, vehicles, canEdit }: { customerId: string; vehicles: VehicleView[]; canEdit: boolean }) {
  const [editing, setEditing] = useState<string | null>(null);
  const toast = useToast();
  const close = useCallback(() => setEditing(null), []);

  return (
    <Card
      title={`Véhicules (${vehicles.length})`}
      actions={
        canEdit && editing !== 'new' ? (
          <Button size="sm" variant="secondary" onClick={() => setEditing('new')}>
            Ajouter un véhicule
          </Button>
        ) : undefined
      }
    >
      <div className="space-y-3">
        {editing === 'new' && <VehicleForm customerId={customerId} onDone={close} />}
        {vehicles.length === 0 && editing !== 'new' && <EmptyState title="Aucun véhicule" description="Ajoutez le véhicule avec son immatriculation ou son VIN." />}
        {vehicles.length > 0 && (
          <ul className="grid gap-3 lg:grid-cols-2">
            {vehicles.map((v) =>
              editing === v.id ? (
                <li key={v.id} className="lg:col-span-2">
                  <VehicleForm customerId={customerId} vehicle={v} onDone={close} />
                </li>
              ) : (
                <li key={v.id} className="flex flex-col gap-2 rounded-md border border-slate-200 p-3" data-testid="vehicle-card">
                  <div className="flex flex-wrap items-baseline justify-between gap-2">
                    <p className="font-mono text-base font-semibold tracking-wide text-slate-900">{v.plate ?? 'Sans immatriculation'}</p>
                    {v.fuelLabel && <span className="text-sm text-slate-600">{v.fuelLabel}</span>}
                  </div>
                  <p className="text-sm text-slate-800">
                    {[v.make, v.model].filter(Boolean).join(' ') || 'Marque et modèle non renseignés'}
                    {v.year && <> · {v.year}</>}
                    {v.mileage != null && <> · {formatNumber(v.mileage, 0)} km</>}
                  </p>
                  {v.vin && <p className="font-mono text-xs break-all text-slate-600">VIN {v.vin}</p>}
                  {canEdit && (
                    <div className="flex gap-2">
                      <Button size="sm" variant="secondary" onClick={() => setEditing(v.id)} aria-label={`Modifier le véhicule ${vehicleName(v)}`}>
                        Modifier
                      </Button>
                      <ConfirmDialog
                        triggerLabel="Supprimer"
                        triggerSize="sm"
                        triggerVariant="ghost"
                        triggerAriaLabel={`Supprimer le véhicule ${vehicleName(v)}`}
                        title="Supprimer ce véhicule ?"
                        confirmLabel="Supprimer"
                        onConfirm={async () => {
                          const result = await deleteVehicleAction(customerId, v.id, { ok: false, message: '' }, new FormData());
                          toast.show(result.message, result.ok ? 'success' : 'error');
                          return result.ok;
                        }}
                      >
                        <p>
                          Le véhicule <strong>{vehicleName(v)}</strong> sera retiré de la fiche. Les interventions déjà réalisées restent dans
                          l’historique.
                        </p>
                      </ConfirmDialog>
                    </div>
                  )}
                </li>
              ),
            )}
          </ul>
        )}
      </div>
    </Card>
  );
}
