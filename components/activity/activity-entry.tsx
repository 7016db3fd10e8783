import { cn } from '@/components/ui/cn';
import { formatDateTime, formatTime } from '@/components/ui/format';
import { ACTIVITY_TYPE_LABELS } from '@/lib/activity/labels';
import type { ActivityDto } from '@/lib/activity/schema';

/** Server/client safe: pure rendering of one timeline entry. */
const ICONS: Record<string, { glyph: string; tone: string }> = {
  call: { glyph: '📞', tone: 'bg-green-100' },
  visit: { glyph: '🚗', tone: 'bg-blue-100' },
  note: { glyph: '📝', tone: 'bg-amber-100' },
  email: { glyph: '✉️', tone: 'bg-sky-100' },
  intervention: { glyph: '🔧', tone: 'bg-indigo-100' },
  invoice: { glyph: '🧾', tone: 'bg-purple-100' },
  payment: { glyph: '💶', tone: 'bg-emerald-100' },
  document: { glyph: '📄', tone: 'bg-slate-100' },
  consent: { glyph: '✅', tone: 'bg-teal-100' },
  status: { glyph: '🔁', tone: 'bg-orange-100' },
  profile: { glyph: '👤', tone: 'bg-slate-100' },
  export: { glyph: '📤', tone: 'bg-slate-100' },
  merge: { glyph: '🔀', tone: 'bg-slate-100' },
  system: { glyph: '⚙️', tone: 'bg-slate-100' },
  other: { glyph: '•', tone: 'bg-slate-100' },
};

const FIELD_LABELS: Record<string, string> = {
  kind: 'Type de client',
  firstName: 'Prénom',
  lastName: 'Nom',
  companyName: 'Raison sociale',
  siret: 'SIRET',
  vatNumber: 'N° TVA',
  email: 'E-mail',
  phone: 'Téléphone',
  mobile: 'Mobile',
  addressLine1: 'Adresse',
  addressLine2: "Complément d'adresse",
  postalCode: 'Code postal',
  city: 'Ville',
  country: 'Pays',
  status: 'Statut',
  latitude: 'Latitude',
  longitude: 'Longitude',
  agency: 'Agence',
  name: 'Nom',
  role: 'Fonction',
  isPrimary: 'Contact principal',
  plate: 'Immatriculation',
  vin: 'VIN',
  make: 'Marque',
  model: 'Modèle',
  year: 'Année',
  mileage: 'Kilométrage',
  fuel: 'Carburant',
  category: 'Catégorie',
  originalName: 'Fichier',
  sizeBytes: 'Taille',
  mimeType: 'Type',
  purpose: 'Finalité',
  channel: 'Canal',
  subject: 'Objet',
  to: 'Destinataire',
  number: 'Numéro',
  pinned: 'Épinglée',
  archived: 'Archivé',
  format: 'Format',
  durationMin: 'Durée (min)',
};
// Internal or redundant keys that would only add noise.
const HIDDEN_KEYS = new Set([
  'manual',
  'categoryLabel',
  'outboxId',
  'tagId',
  'mimeType',
  'counts',
  'from',
  'to',
  'changes',
]);

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (typeof value === 'number') return new Intl.NumberFormat('fr-FR').format(value);
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}T/.test(value) ? formatDateTime(value) : value;
  return JSON.stringify(value);
}

/** "Ville : Lyon → Paris" for diffs; "Clé : valeur" for the rest. */
export function metadataLines(type: string, metadata: Record<string, unknown>): string[] {
  const lines: string[] = [];
  const changes = metadata.changes as Record<string, { from: unknown; to: unknown }> | undefined;
  if (changes && typeof changes === 'object') {
    for (const [field, diff] of Object.entries(changes)) {
      lines.push(`${FIELD_LABELS[field] ?? field} : ${show(diff?.from)} → ${show(diff?.to)}`);
    }
  }
  if ('from' in metadata && 'to' in metadata && typeof metadata.from !== 'object') {
    lines.push(`${type === 'status' ? 'Statut' : 'Valeur'} : ${show(metadata.from)} → ${show(metadata.to)}`);
  }
  for (const [key, value] of Object.entries(metadata)) {
    if (HIDDEN_KEYS.has(key) || (value !== null && typeof value === 'object')) continue;
    if (key === 'category' && typeof metadata.categoryLabel === 'string') {
      lines.push(`Catégorie : ${metadata.categoryLabel}`);
      continue;
    }
    if (key === 'sizeBytes' && typeof value === 'number') {
      lines.push(`Taille : ${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(value / 1024)} Ko`);
      continue;
    }
    lines.push(`${FIELD_LABELS[key] ?? key} : ${show(value)}`);
  }
  return lines.slice(0, 8);
}

/** Where the entry's cross reference leads, if anywhere. */
export function relatedLink(
  customerId: string,
  a: Pick<ActivityDto, 'relatedType' | 'relatedId' | 'type'>,
): { href: string; label: string } | null {
  const id = a.relatedId;
  const base = `/customers/${customerId}`;
  switch (a.relatedType) {
    case 'invoice':
      return id ? { href: `${base}/finances#invoice-${id}`, label: 'Voir la facture' } : null;
    case 'payment':
      return { href: `${base}/finances${id ? `#payment-${id}` : ''}`, label: 'Voir les paiements' };
    case 'document':
      return id ? { href: `/api/customers/${customerId}/documents/${id}`, label: 'Télécharger le document' } : null;
    case 'contact':
      return { href: `${base}${id ? `#contact-${id}` : ''}`, label: 'Voir le contact' };
    case 'vehicle':
      return { href: `${base}${id ? `#vehicle-${id}` : ''}`, label: 'Voir le véhicule' };
    case 'note':
      return { href: `${base}${id ? `#note-${id}` : ''}`, label: 'Voir la note' };
    case 'consent':
      return { href: `${base}/consents`, label: 'Voir les consentements' };
    default:
      return null;
  }
}

export function ActivityEntry({
  activity: a,
  customerId,
  fresh,
}: {
  activity: ActivityDto;
  customerId: string;
  fresh?: boolean;
}) {
  const icon = ICONS[a.type] ?? ICONS.other;
  const link = relatedLink(customerId, a);
  const lines = metadataLines(a.type, a.metadata ?? {});
  const actor = a.actor.kind === 'token' ? `${a.actor.name} (API)` : a.actor.name;
  return (
    <li
      className={cn('flex gap-3 py-3', fresh && 'rounded-md bg-blue-50/60')}
      data-testid="activity-entry"
      data-type={a.type}
    >
      <span
        aria-hidden="true"
        className={cn('flex size-9 shrink-0 items-center justify-center rounded-full text-base', icon.tone)}
      >
        {icon.glyph}
      </span>
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-baseline gap-x-2">
          <p className="font-medium break-words text-slate-900">{a.title}</p>
          <span className="text-xs text-slate-600">{ACTIVITY_TYPE_LABELS[a.type] ?? a.type}</span>
        </div>
        <p className="text-xs text-slate-600">
          <time dateTime={a.occurredAt} title={formatDateTime(a.occurredAt)}>
            {formatTime(a.occurredAt)}
          </time>{' '}
          · {actor}
        </p>
        {a.description && (
          <p className="mt-1 text-sm whitespace-pre-line break-words text-slate-800">{a.description}</p>
        )}
        {lines.length > 0 && (
          <ul className="mt-1 space-y-0.5 text-sm text-slate-700">
            {lines.map((line, i) => (
              <li key={i} className="break-words">
                {line}
              </li>
            ))}
          </ul>
        )}
        {link && (
          <a
            href={link.href}
            className="mt-1 inline-flex min-h-11 items-center text-sm font-medium text-blue-700 underline-offset-2 hover:underline"
          >
            {link.label}
          </a>
        )}
      </div>
    </li>
  );
}
