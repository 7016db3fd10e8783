import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { inputClasses } from '@/components/ui/field';
import type { CustomerAbilities } from '@/lib/auth/permissions';
import { orNotFound } from '@/lib/http/page-params';
import { INTERVENTION_STATUS_LABELS } from '@/lib/interventions/labels';
import { loadInterventionsTab, loadPlanningChoices } from '@/lib/interventions/page';
import { INTERVENTION_STATUSES } from '@/lib/interventions/schema';
import { Pager } from '@/components/ui/pager';
import { InterventionList } from './intervention-list';
import { PlanInterventionForm } from './plan-form';
import { addressText } from './status-badge';

type Params = { status?: string; up?: string; past?: string };

function hrefWith(base: string, params: Params, changes: Params): string {
  const merged = { ...params, ...changes };
  const qs = new URLSearchParams(Object.entries(merged).filter((e): e is [string, string] => !!e[1])).toString();
  return qs ? `${base}?${qs}` : base;
}

/** The two lists, each with its own cursor parameter (`up`, `past`) and anchor. */
const SECTIONS = [
  { key: 'up', title: 'À venir', anchor: 'a-venir', pagerLabel: 'à venir', empty: 'Aucune intervention à venir.' },
  { key: 'past', title: 'Passées', anchor: 'passees', pagerLabel: 'passées', empty: 'Aucune intervention passée.' },
] as const;

/** The « Interventions » tab: upcoming and past (each its own keyset pages), a status filter, « Planifier » for managers. */
export async function InterventionsTab({
  customer,
  params,
  abilities,
}: {
  customer: { id: string; addressLine1: string | null; postalCode: string | null; city: string | null };
  params: Params;
  abilities: Pick<CustomerAbilities, 'interventionPlan' | 'financeRead'>;
}) {
  const [{ upcoming, past, status }, choices] = await Promise.all([
    orNotFound(loadInterventionsTab(customer.id, params)),
    abilities.interventionPlan ? loadPlanningChoices(customer.id) : null,
  ]);
  const base = `/customers/${customer.id}/interventions`;
  return (
    <div className="space-y-4">
      <form
        method="get"
        action={base}
        className="flex flex-wrap items-end gap-2"
        aria-label="Filtrer les interventions"
      >
        <div className="min-w-0 flex-1 sm:flex-none">
          <label htmlFor="f-status" className="block text-sm font-medium text-slate-800">
            Statut
          </label>
          <select id="f-status" name="status" defaultValue={status ?? ''} className={inputClasses(false)}>
            <option value="">Tous</option>
            {INTERVENTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {INTERVENTION_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonClasses('secondary')}>
          Filtrer
        </button>
        {status && (
          <Link href={base} className={buttonClasses('ghost')}>
            Effacer
          </Link>
        )}
      </form>

      <div className="grid gap-4 lg:grid-cols-2">
        {SECTIONS.map(({ key, title, anchor, pagerLabel, empty }) => {
          const page = key === 'up' ? upcoming : past;
          return (
            <Card key={key} title={title} id={anchor} className="scroll-mt-24">
              <InterventionList
                items={page.data}
                customerId={customer.id}
                showAmounts={abilities.financeRead}
                empty={empty}
              />
              <Pager
                label={pagerLabel}
                href={hrefWith(base, params, { [key]: undefined })}
                onFirst={!params[key]}
                nextHref={page.nextCursor ? `${hrefWith(base, params, { [key]: page.nextCursor })}#${anchor}` : null}
              />
            </Card>
          );
        })}
      </div>

      {choices && (
        <Card title="Planifier une intervention">
          <PlanInterventionForm
            customerId={customer.id}
            vehicles={choices.vehicles}
            technicians={choices.technicians}
            defaultAddress={addressText(customer)}
          />
        </Card>
      )}
    </div>
  );
}
