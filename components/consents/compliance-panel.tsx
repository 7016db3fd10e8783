import { Badge } from '@/components/ui/badge';
import { formatDate } from '@/components/ui/format';
import type { ComplianceReport } from '@/lib/consents/compliance';

/** The CNIL checks for this customer, errors first. */
export function CompliancePanel({ report }: { report: ComplianceReport }) {
  const lastContact = (
    <p className="text-sm text-slate-600">
      Dernier contact : {report.lastContactAt ? formatDate(report.lastContactAt, 'long') : 'aucun enregistré'}.
    </p>
  );
  if (report.ok) {
    return (
      <div className="space-y-1">
        <p className="flex items-center gap-2 text-sm text-green-800">
          <Badge tone="success">Conforme</Badge> Aucun problème de conformité détecté.
        </p>
        {lastContact}
      </div>
    );
  }
  const issues = [...report.issues].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return (
    <div className="space-y-2">
      <ul className="space-y-2">
        {issues.map((issue, i) => (
          <li
            key={`${issue.code}-${issue.purpose ?? ''}-${issue.channel ?? ''}-${i}`}
            className={
              issue.severity === 'error'
                ? 'rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900'
                : 'rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900'
            }
          >
            <Badge tone={issue.severity === 'error' ? 'danger' : 'warning'} className="mr-2">
              {issue.severity === 'error' ? 'À corriger' : 'À examiner'}
            </Badge>
            {issue.message}
          </li>
        ))}
      </ul>
      {lastContact}
    </div>
  );
}
