import type { InterventionKind, InterventionStatus } from '@/db/schema/enums';

/** API shapes (camelCase; dates as Date, JSON turns them into ISO strings). */
export interface InterventionLineDto {
  id: string;
  position: number;
  label: string;
  /** Decimal (1.5 hours of labour). */
  quantity: number;
  unitPriceHtCents: number;
  vatRateBp: number;
  /** quantity × unit price, rounded to the cent (lib/interventions/totals.ts). */
  totalHtCents: number;
}

export interface InterventionDto {
  id: string;
  customerId: string;
  vehicleId: string | null;
  technicianId: string | null;
  kind: InterventionKind;
  status: InterventionStatus;
  description: string | null;
  scheduledAt: Date;
  durationMinutes: number;
  addressLine1: string | null;
  postalCode: string | null;
  city: string | null;
  startedAt: Date | null;
  completedAt: Date | null;
  odometerKm: number | null;
  workDone: string | null;
  noCharge: boolean;
  lines: InterventionLineDto[];
  totalHtCents: number;
  totalTtcCents: number;
  invoiceId: string | null;
  cancelReason: string | null;
  signatureDocumentId: string | null;
  reportDocumentId: string | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface PersonRef {
  id: string;
  name: string;
}

export interface VehicleRef {
  id: string;
  plate: string | null;
  make: string | null;
  model: string | null;
  mileage: number | null;
  /** "Renault Clio (AB-123-CD)". */
  label: string;
}

export interface InterventionPhoto {
  id: string;
  originalName: string;
  mimeType: string;
  description: string | null;
  uploadedAt: Date;
}

/** One intervention with what its page shows around it. */
export interface InterventionDetail extends InterventionDto {
  technician: PersonRef | null;
  vehicle: VehicleRef | null;
  invoiceNumber: string | null;
  photos: InterventionPhoto[];
}

/** A row of the Interventions tab and of the planning (no lines). */
export interface InterventionListItem {
  id: string;
  customerId: string;
  kind: InterventionKind;
  status: InterventionStatus;
  scheduledAt: Date;
  durationMinutes: number;
  startedAt: Date | null;
  completedAt: Date | null;
  addressLine1: string | null;
  postalCode: string | null;
  city: string | null;
  description: string | null;
  technician: PersonRef | null;
  vehicle: VehicleRef | null;
  totalHtCents: number;
  totalTtcCents: number;
  invoiceId: string | null;
  cancelReason: string | null;
  updatedAt: Date;
}

/** "Ma journée" and the planning also say who the customer is and how to reach them. */
export interface InterventionWithCustomer extends InterventionListItem {
  customer: { id: string; number: string; name: string; phone: string | null; mobile: string | null };
}
