'use client';

import { SelectField, TextField } from '@/components/ui/field';
import { zodValidator } from '@/components/ui/use-form-action';
import type { VehicleDto } from '@/lib/customers/types';
import { createVehicleAction, updateVehicleAction } from '@/lib/vehicles/actions';
import { FUEL_LABELS, vehicleCreateSchema, vehicleFields } from '@/lib/vehicles/schema';
import { EntityForm } from './entity-form';

const validate = zodValidator(vehicleCreateSchema, { pick: Object.keys(vehicleFields) });
const FUEL_OPTIONS = Object.entries(FUEL_LABELS).map(([value, label]) => ({ value, label }));
// Plates and VINs are typed in capitals on phones too.
const CODE_INPUT = { autoCapitalize: 'characters', autoComplete: 'off' } as const;

/** Add or edit one vehicle (loaded on demand, like the contact form). */
export function VehicleForm({
  customerId,
  vehicle,
  onDone,
}: {
  customerId: string;
  vehicle?: VehicleDto;
  onDone: () => void;
}) {
  return (
    <EntityForm
      customerId={customerId}
      entityId={vehicle?.id}
      idPrefix="vehicle"
      create={createVehicleAction}
      update={updateVehicleAction}
      validate={validate}
      label={vehicle ? `Modifier le véhicule ${vehicle.plate ?? vehicle.vin ?? ''}` : 'Nouveau véhicule'}
      submitLabel={vehicle ? 'Enregistrer le véhicule' : 'Ajouter le véhicule'}
      onDone={onDone}
    >
      {(field) => (
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          <TextField
            {...field('plate')}
            {...CODE_INPUT}
            label="Immatriculation"
            defaultValue={vehicle?.plate ?? ''}
            hint="Format SIV AA-123-AA (ou ancien format)."
            className="uppercase"
          />
          <TextField
            {...field('vin')}
            {...CODE_INPUT}
            label="VIN"
            defaultValue={vehicle?.vin ?? ''}
            hint="17 caractères, sans I, O ni Q."
            className="font-mono uppercase"
          />
          <TextField {...field('make')} label="Marque" defaultValue={vehicle?.make ?? ''} />
          <TextField {...field('model')} label="Modèle" defaultValue={vehicle?.model ?? ''} />
          <TextField
            {...field('year')}
            label="Année"
            inputMode="numeric"
            defaultValue={vehicle?.year?.toString() ?? ''}
          />
          <TextField
            {...field('mileage')}
            label="Kilométrage (km)"
            inputMode="numeric"
            defaultValue={vehicle?.mileage?.toString() ?? ''}
          />
          <SelectField
            {...field('fuel')}
            label="Carburant"
            defaultValue={vehicle?.fuel ?? ''}
            placeholder="Non renseigné"
            options={FUEL_OPTIONS}
          />
        </div>
      )}
    </EntityForm>
  );
}
