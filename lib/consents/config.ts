import type * as db from '@/db/schema/consents';

/**
 * Consent rules in one place (CNIL: consent must be provable, withdrawable as easily as given,
 * and data kept only as long as needed). Pure data: safe to import from client components, so
 * the lists are restated here instead of importing drizzle's table module into the browser —
 * the type checks below fail the build if they drift from db/schema/consents.ts.
 */
export const CONSENT_PURPOSES = [
  'service-notifications',
  'marketing',
  'satisfaction-surveys',
  'data-sharing-partners',
  'geolocation',
  'photos',
] as const satisfies typeof db.CONSENT_PURPOSES;
export const CONSENT_CHANNELS = ['email', 'sms', 'phone', 'post'] as const satisfies typeof db.CONSENT_CHANNELS;
export const CONSENT_SOURCES = [
  'paper-form',
  'web-form',
  'phone',
  'in-person',
  'api',
  'legacy-import',
] as const satisfies typeof db.CONSENT_SOURCES;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

export const PURPOSE_LABELS: Record<ConsentPurpose, string> = {
  'service-notifications': 'Notifications de service',
  marketing: 'Prospection commerciale',
  'satisfaction-surveys': 'Enquêtes de satisfaction',
  'data-sharing-partners': 'Partage avec des partenaires',
  geolocation: 'Géolocalisation',
  photos: 'Photos',
};

export const CHANNEL_LABELS: Record<ConsentChannel, string> = {
  email: 'E-mail',
  sms: 'SMS',
  phone: 'Téléphone',
  post: 'Courrier',
};

export const SOURCE_LABELS: Record<ConsentSource, string> = {
  'paper-form': 'Formulaire papier',
  'web-form': 'Formulaire web',
  phone: 'Téléphone',
  'in-person': 'En personne',
  api: 'API',
  'legacy-import': 'Import de l’ancien logiciel',
};

/** Sources an employee or API caller may declare; 'legacy-import' is reserved to the importer. */
export const MANUAL_CONSENT_SOURCES = [
  'paper-form',
  'web-form',
  'phone',
  'in-person',
  'api',
] as const satisfies readonly ConsentSource[];
export type ManualConsentSource = (typeof MANUAL_CONSENT_SOURCES)[number];

/**
 * Validity of a granted consent, in months, counted from the later of the grant and the
 * customer's last contact (CNIL: prospection consent lapses 3 years after the last contact).
 * null = valid until withdrawn (service notifications rest on the contract, not on consent).
 */
export const CONSENT_VALIDITY_MONTHS: Record<ConsentPurpose, number | null> = {
  'service-notifications': null,
  marketing: 36,
  'satisfaction-surveys': 36,
  'data-sharing-partners': 36,
  geolocation: null,
  photos: null,
};

/** Purposes whose grant must be provable (text version agreed to, and not a bare legacy import). */
export const PROOF_REQUIRED_PURPOSES: readonly ConsentPurpose[] = [
  'marketing',
  'satisfaction-surveys',
  'data-sharing-partners',
  'geolocation',
  'photos',
];

/** Purposes that need no consent to be sent (legal basis: the service contract). */
export const CONSENT_FREE_PURPOSES: readonly ConsentPurpose[] = ['service-notifications'];

/** Retention of an inactive customer's personal data: beyond it, suggest erasure. */
export const RETENTION_MONTHS = 36;

/**
 * What counts as a contact with the customer (starts the validity and retention clocks again):
 * exchanges and business, not our own outbound e-mails or back-office edits.
 */
export const LAST_CONTACT_ACTIVITY_TYPES = ['call', 'visit', 'intervention', 'invoice', 'payment'] as const;

export function requiresConsent(purpose: ConsentPurpose): boolean {
  return !CONSENT_FREE_PURPOSES.includes(purpose);
}

export function isPurpose(value: string): value is ConsentPurpose {
  return (CONSENT_PURPOSES as readonly string[]).includes(value);
}

export function purposeLabel(purpose: string): string {
  return isPurpose(purpose) ? PURPOSE_LABELS[purpose] : purpose;
}

export function channelLabel(channel: string): string {
  return (CONSENT_CHANNELS as readonly string[]).includes(channel)
    ? CHANNEL_LABELS[channel as ConsentChannel]
    : channel;
}

export function sourceLabel(source: string): string {
  return (CONSENT_SOURCES as readonly string[]).includes(source) ? SOURCE_LABELS[source as ConsentSource] : source;
}

/** A grant is provable when it names the text agreed to and does not come from the legacy import. */
export function hasProof(event: { source: string; textVersion: string | null }): boolean {
  return event.source !== 'legacy-import' && !!event.textVersion?.trim();
}

function addMonths(date: Date, months: number): Date {
  const d = new Date(date.getTime());
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

/** End of validity of a grant (null = no limit). Mirrors the SQL in compliance.ts. */
export function consentValidUntil(purpose: string, grantedAt: Date, lastContactAt: Date | null): Date | null {
  const months = isPurpose(purpose) ? CONSENT_VALIDITY_MONTHS[purpose] : null;
  if (months == null) return null;
  const start = lastContactAt && lastContactAt > grantedAt ? lastContactAt : grantedAt;
  return addMonths(start, months);
}

export function retentionEndsAt(createdAt: Date, lastContactAt: Date | null): Date {
  const start = lastContactAt && lastContactAt > createdAt ? lastContactAt : createdAt;
  return addMonths(start, RETENTION_MONTHS);
}
