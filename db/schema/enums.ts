/**
 * Value lists of the schema, free of drizzle: client components and zod schemas import them from
 * here so the ORM never reaches the browser bundle. The table files re-export them.
 */

export const ROLES = ['admin', 'manager', 'technician', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const CUSTOMER_KINDS = ['individual', 'company'] as const;
export type CustomerKind = (typeof CUSTOMER_KINDS)[number];

export const CUSTOMER_STATUSES = ['active', 'inactive'] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

export const GEOCODE_PRECISIONS = ['housenumber', 'street', 'commune', 'manual'] as const;
export type GeocodePrecision = (typeof GEOCODE_PRECISIONS)[number];

export const FUELS = ['petrol', 'diesel', 'hybrid', 'electric', 'lpg', 'other'] as const;
export type Fuel = (typeof FUELS)[number];

export const ACTIVITY_TYPES = [
  'note',
  'call',
  'email',
  'visit',
  'intervention',
  'invoice',
  'payment',
  'credit-note',
  'refund',
  'document',
  'consent',
  'status',
  'profile',
  'export',
  'merge',
  'task',
  'system',
  'other',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const ACTOR_KINDS = ['user', 'token', 'system'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export const DOCUMENT_CATEGORIES = [
  'invoice',
  'quote',
  'contract',
  'identity',
  'vehicle-registration',
  'photo',
  'report',
  'other',
] as const;
export type DocumentCategory = (typeof DOCUMENT_CATEGORIES)[number];

/** planned → in_progress → done → invoiced, or cancelled (lib/interventions/state.ts decides the moves). */
export const INTERVENTION_STATUSES = ['planned', 'in_progress', 'done', 'invoiced', 'cancelled'] as const;
export type InterventionStatus = (typeof INTERVENTION_STATUSES)[number];
/** Statuses that count as a visit for analytics (RFM frequency, visits chart, predictions). */
export const VISIT_STATUSES = ['done', 'invoiced'] as const satisfies readonly InterventionStatus[];
/** Not started or not finished yet: the "upcoming" side of a customer's interventions. */
export const OPEN_INTERVENTION_STATUSES = ['planned', 'in_progress'] as const satisfies readonly InterventionStatus[];

/** entretien, réparation, diagnostic, contrôle, pneumatiques, carrosserie, autre (labels: lib/interventions/labels.ts). */
export const INTERVENTION_KINDS = [
  'maintenance',
  'repair',
  'diagnostic',
  'inspection',
  'tyres',
  'bodywork',
  'other',
] as const;
export type InterventionKind = (typeof INTERVENTION_KINDS)[number];

/** French VAT rates in basis points (2000 = 20 %), the only ones an intervention line may carry. */
export const VAT_RATES_BP = [2000, 1000, 550, 210, 0] as const;
export type VatRateBp = (typeof VAT_RATES_BP)[number];

export const INVOICE_STATUSES = ['unpaid', 'partial', 'paid', 'cancelled'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export const PAYMENT_METHODS = ['card', 'transfer', 'cash', 'check', 'direct-debit'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const CONSENT_PURPOSES = [
  'service-notifications',
  'marketing',
  'satisfaction-surveys',
  'data-sharing-partners',
  'geolocation',
  'photos',
] as const;

export const CONSENT_CHANNELS = ['email', 'sms', 'phone', 'post'] as const;

export const CONSENT_SOURCES = ['paper-form', 'web-form', 'phone', 'in-person', 'api', 'legacy-import'] as const;

export const EMAIL_STATUSES = ['queued', 'sent', 'failed', 'blocked'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

/** E-mail templates (« Modèles d’e-mail »): the same bounds as a sent e-mail's subject and body. */
export const EMAIL_TEMPLATE_NAME_MAX = 100;
export const EMAIL_SUBJECT_MAX = 200;
export const EMAIL_BODY_MAX = 20000;
/**
 * Why an e-mail is sent, as the send form and a template's suggested purpose name it: `service` is the short
 * name of the consent purpose `service-notifications`; the others are consent purposes.
 */
export const EMAIL_PURPOSES = ['service', 'marketing', 'satisfaction-surveys'] as const;
export type EmailPurpose = (typeof EMAIL_PURPOSES)[number];

/** One-time links sent by e-mail: an invitation (first password) or a password reset. */
export const LINK_PURPOSES = ['invitation', 'reset'] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];

/** What the user-administration journal records (README "Users and sign-in"). Never a password or a link. */
export const USER_EVENTS = [
  'user.created',
  'user.invited',
  'user.invitation_resent',
  'user.invitation_revoked',
  'user.role_changed',
  'user.renamed',
  'user.deactivated',
  'user.reactivated',
  'password.reset_requested',
  'password.reset_completed',
  'password.set',
  'password.changed',
  'sessions.revoked',
  'sso.first_sign_in',
  'sso.refused',
  'token.created',
  'token.revoked',
] as const;
export type UserEvent = (typeof USER_EVENTS)[number];

/** Longest follow-up task title (the CHECK of tasks.title and the form's zod schema). */
export const TASK_TITLE_MAX = 200;

/** Longest saved-view name (the CHECK of saved_views.name and the form's zod schema). */
export const SAVED_VIEW_NAME_MAX = 60;
