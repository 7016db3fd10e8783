import { Badge, type BadgeTone } from '@/components/ui/badge';
import { RISK_LEVEL_LABELS, type RiskLevel } from '@/lib/finances/risk';

const RISK_TONE: Record<RiskLevel, BadgeTone> = { low: 'success', medium: 'warning', high: 'danger' };

/** The risk level as a coloured badge; one place for the level → colour rule (Finances tab and 360 block). */
export function RiskBadge({ level, prefix }: { level: RiskLevel; prefix?: string }) {
  const label = RISK_LEVEL_LABELS[level];
  return <Badge tone={RISK_TONE[level]}>{prefix ? `${prefix} ${label.toLowerCase()}` : label}</Badge>;
}
