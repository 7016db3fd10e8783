import Form from 'next/form';
import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { KIND_LABELS, STATUS_LABELS } from '@/lib/customers/schema';
import type { TagDto } from '@/lib/customers/types';

export interface CustomerFilterValues {
  q?: string;
  status?: string;
  kind?: string;
  tag?: string;
  city?: string;
  segment?: string;
  compliance?: string;
  sort?: string;
  archived?: string;
}

const toOptions = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/**
 * A GET form: every filter lands in the URL, so a filtered list can be bookmarked and shared.
 * next/form makes the submission a client-side navigation when JavaScript is there.
 */
export function CustomerFilters({
  values,
  tags,
  cities,
  segments,
}: {
  values: CustomerFilterValues;
  tags: TagDto[];
  cities: { city: string; count: number }[];
  /** RFM segments (value → label), from the analytics module; null = the role may not filter by segment. */
  segments: { value: string; label: string }[] | null;
}) {
  const cityOptions = cities.map((c) => ({ value: c.city, label: `${c.city} (${c.count})` }));
  // Keep a city typed in the URL selectable even when it is not among the most frequent ones.
  if (values.city && !cityOptions.some((o) => o.value.toLowerCase() === values.city!.toLowerCase())) {
    cityOptions.unshift({ value: values.city, label: values.city });
  }
  const tagOptions = tags.map((t) => ({ value: t.name, label: t.name }));
  if (values.tag && !tagOptions.some((o) => o.value.toLowerCase() === values.tag!.toLowerCase())) {
    tagOptions.unshift({ value: values.tag, label: values.tag });
  }

  return (
    <Form
      action="/customers"
      role="search"
      aria-label="Rechercher des clients"
      className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm sm:p-4"
    >
      <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <TextField
          label="Recherche"
          name="q"
          type="search"
          defaultValue={values.q ?? ''}
          placeholder="Nom, société, e-mail, téléphone, ville, immatriculation…"
          wrapperClassName="flex-1"
          enterKeyHint="search"
          autoComplete="off"
        />
        <button type="submit" className={buttonClasses('primary', 'md', 'sm:w-auto')}>
          Rechercher
        </button>
      </div>
      <details
        className="mt-2 group"
        open={Boolean(
          values.status ||
          values.kind ||
          values.tag ||
          values.city ||
          values.segment ||
          values.compliance ||
          (values.archived && values.archived !== 'exclude') ||
          values.sort === 'name',
        )}
      >
        <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm font-medium text-blue-700">
          Filtres et tri
        </summary>
        <div className="mt-2 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <SelectField
            label="Statut"
            name="status"
            defaultValue={values.status ?? ''}
            placeholder="Tous"
            options={toOptions(STATUS_LABELS)}
          />
          <SelectField
            label="Type"
            name="kind"
            defaultValue={values.kind ?? ''}
            placeholder="Tous"
            options={toOptions(KIND_LABELS)}
          />
          <SelectField label="Tag" name="tag" defaultValue={values.tag ?? ''} placeholder="Tous" options={tagOptions} />
          <SelectField
            label="Ville"
            name="city"
            defaultValue={values.city ?? ''}
            placeholder="Toutes"
            options={cityOptions}
          />
          {segments && (
            <SelectField
              label="Segment"
              name="segment"
              defaultValue={values.segment ?? ''}
              placeholder="Tous"
              options={segments}
            />
          )}
          <SelectField
            label="Consentements"
            name="compliance"
            defaultValue={values.compliance ?? ''}
            placeholder="Indifférent"
            options={[{ value: 'issues', label: 'Problèmes de conformité' }]}
          />
          <SelectField
            label="Archivés"
            name="archived"
            defaultValue={values.archived ?? 'exclude'}
            options={[
              { value: 'exclude', label: 'Masquer' },
              { value: 'include', label: 'Inclure' },
              { value: 'only', label: 'Uniquement' },
            ]}
          />
          <SelectField
            label="Tri"
            name="sort"
            defaultValue={values.sort ?? 'recent'}
            options={[
              { value: 'recent', label: 'Plus récents' },
              { value: 'name', label: 'Nom (A → Z)' },
            ]}
          />
        </div>
        <div className="mt-3 flex flex-wrap gap-2">
          <button type="submit" className={buttonClasses('secondary')}>
            Appliquer les filtres
          </button>
          <Link href="/customers" className={buttonClasses('ghost')}>
            Réinitialiser
          </Link>
        </div>
      </details>
    </Form>
  );
}
