'use client';

import { useEffect, useMemo } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage, SelectField, TextField } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import { useFormAction, zodValidator } from '@/components/ui/use-form-action';
import type { VehicleDto } from '@/lib/customers/types';
import { createVehicleAction, updateVehicleAction } from '@/lib/vehicles/actions';
import { FUEL_LABELS, vehicleCreateSchema, vehicleFields } from '@/lib/vehicles/schema';

const validate = zodValidator(vehicleCreateSchema, { pick: Object.keys(vehicleFields) });
const FUEL_OPTIONS = Object.entries(FUEL_LABELS).map(([value, label]) => ({ value, label }));

/** Add or edit one vehicle (loaded on demand, like the contact form). */
export function VehicleForm({ customerId, vehicle, onDone }: { customerId: string; vehicle?: VehicleDto; onDone: () => void }) {
  const action = useMemo(
    () => (vehicle ? updateVehicleAction.bind(null, customerId, vehicle.id) : createVehicleAction.bind(null, customerId)),
    [customerId, vehicle],
  );
  const { state, formAction, onSubmit, pending, errors } = useFormAction(action, { validate });
  const toast = useToast();
  const prefix = `vehicle-${vehicle?.id ?? 'new'}`;

  useEffect(() => {
    if (state.ok) {
      toast.success(state.message);
      onDone();
    }
  }, [state, toast, onDone]);

  return (
    <form
      action={formAction}
      onSubmit={onSubmit}
      noValidate
      aria-label={vehicle ? `Modifier le véhicule ${vehicle.plate ?? vehicle.vin ?? ''}` : 'Nouveau véhicule'}
      className="space-y-3 rounded-md border border-blue-200 bg-blue-50/40 p-3"
    >
      <FormMessage state={state.ok ? null : state} />
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <TextField
          id={`${prefix}-plate`}
          label="Immatriculation"
          name="plate"
          defaultValue={vehicle?.plate ?? ''}
          hint="Format SIV AA-123-AA (ou ancien format)."
          error={errors.plate}
          autoCapitalize="characters"
          autoComplete="off"
          className="uppercase"
        />
        <TextField id={`${prefix}-vin`} label="VIN" name="vin" defaultValue={vehicle?.vin ?? ''} hint="17 caractères, sans I, O ni Q." error={errors.vin} autoCapitalize="characters" autoComplete="off" className="font-mono uppercase" />
        <TextField id={`${prefix}-make`} label="Marque" name="make" defaultValue={vehicle?.make ?? ''} error={errors.make} />
        <TextField id={`${prefix}-model`} label="Modèle" name="model" defaultValue={vehicle?.model ?? ''} error={errors.model} />
        <TextField id={`${prefix}-year`} label="Année" name="year" inputMode="numeric" defaultValue={vehicle?.year?.toString() ?? ''} error={errors.year} />
        <TextField id={`${prefix}-mileage`} label="Kilométrage (km)" name="mileage" inputMode="numeric" defaultValue={vehicle?.mileage?.toString() ?? ''} error={errors.mileage} />
        <SelectField id={`${prefix}-fuel`} label="Carburant" name="fuel" defaultValue={vehicle?.fuel ?? ''} placeholder="Non renseigné" options={FUEL_OPTIONS} error={errors.fuel} />
      </div>
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={onDone} disabled={pending}>
          Annuler
        </Button>
        <Button type="submit" disabled={pending} aria-busy={pending || undefined}>
          {pending ? 'Enregistrement…' : vehicle ? 'Enregistrer le véhicule' : 'Ajouter le véhicule'}
        </Button>
      </div>
    </form>
  );
}
