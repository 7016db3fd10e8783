import { Badge, type BadgeTone } from '@/components/ui/badge';
import { statusLabel } from '@/lib/interventions/labels';

const TONES: Record<string, BadgeTone> = {
  planned: 'info',
  in_progress: 'warning',
  done: 'success',
  invoiced: 'neutral',
  cancelled: 'danger',
};

export function InterventionStatusBadge({ status }: { status: string }) {
  return <Badge tone={TONES[status] ?? 'neutral'}>{statusLabel(status)}</Badge>;
}

/** "3 rue des Lilas, 69003 Lyon" (or null when nothing is known). */
export function addressText(a: { addressLine1: string | null; postalCode: string | null; city: string | null }) {
  const town = [a.postalCode, a.city].filter(Boolean).join(' ');
  return [a.addressLine1, town].filter(Boolean).join(', ') || null;
}

/** "1 h 30", "45 min". */
export function durationText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (!h) return `${m} min`;
  return m ? `${h} h ${String(m).padStart(2, '0')}` : `${h} h`;
}
