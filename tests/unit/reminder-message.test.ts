import { describe, expect, it } from 'vitest';
import type { VehicleFollowUp } from '@/lib/interventions/follow-up';
import { dueReasons, reminderMessage } from '@/lib/reminders/send';

const base: VehicleFollowUp = {
  vehicleId: '00000000-0000-4000-8000-000000000001',
  customerId: '00000000-0000-4000-8000-000000000002',
  label: 'Peugeot 208 (AB-123-CD)',
  plate: 'AB-123-CD',
  mileage: 52_000,
  firstRegistrationDate: '2022-03-15',
  lastInspectionDate: null,
  nextInspectionDue: '2026-03-15',
  inspectionBasis: 'first-registration',
  lastServiceDate: '2025-03-01',
  lastServiceKm: 40_000,
  nextServiceDue: '2026-03-01',
  nextServiceKm: 55_000,
  serviceDueByKm: false,
};

describe('reminder content', () => {
  it('names only what falls due within the window (boundary included)', () => {
    expect(dueReasons(base, '2026-03-15')).toEqual(['inspection', 'service']);
    expect(dueReasons(base, '2026-03-14')).toEqual(['service']);
    expect(dueReasons(base, '2026-02-28')).toEqual([]);
    expect(dueReasons({ ...base, serviceDueByKm: true }, '2026-02-28')).toEqual(['service']);
  });

  it('writes the subject and the dates in French, overdue ones in the past tense', () => {
    const both = reminderMessage(base, ['inspection', 'service'], '2026-02-13');
    expect(both.subject).toBe('Rappel : contrôle technique et entretien de votre Peugeot 208 (AB-123-CD)');
    expect(both.body).toContain('Le contrôle technique de votre véhicule est à passer avant le 15 mars 2026.');
    expect(both.body).toContain('Le prochain entretien de votre véhicule est prévu pour le 1 mars 2026.');

    const late = reminderMessage(base, ['inspection'], '2026-04-01');
    expect(late.subject).toBe('Rappel : contrôle technique de votre Peugeot 208 (AB-123-CD)');
    expect(late.body).toContain('devait être passé avant le 15 mars 2026');
    expect(late.body).not.toContain('entretien');

    const km = reminderMessage({ ...base, serviceDueByKm: true }, ['service'], '2026-02-13');
    expect(km.body).toMatch(/a atteint le kilométrage de son prochain entretien \(55\s000 km\)/);
  });
});
