import { Badge } from '@/components/ui/badge';
import type { ConsentState } from '@/lib/consents/queries';

const LABELS: Record<ConsentState, string> = { granted: 'Accordé', withdrawn: 'Retiré', never: 'Jamais demandé' };
const TONES = { granted: 'success', withdrawn: 'danger', never: 'neutral' } as const;

/** Granted / withdrawn / never asked, in words (never colour alone). */
export function ConsentStateBadge({ state }: { state: ConsentState }) {
  return <Badge tone={TONES[state]}>{LABELS[state]}</Badge>;
}
