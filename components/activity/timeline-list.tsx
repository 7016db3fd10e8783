'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { dayKey } from '@/components/ui/format';
import type { ActivityDto } from '@/lib/activity/schema';
import { ActivityEntry } from './activity-entry';
import { ActivityEntryMenu } from './activity-entry-menu';
import { ActivityForm } from './activity-form';

const dayHeading = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

function headingFor(key: string, sample: string): string {
  const today = dayKey(new Date());
  const yesterday = dayKey(new Date(Date.now() - 24 * 3600 * 1000));
  if (key === today) return 'Aujourd’hui';
  if (key === yesterday) return 'Hier';
  const text = dayHeading.format(new Date(sample));
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function groupByDay(items: ActivityDto[]) {
  const groups: { key: string; items: ActivityDto[] }[] = [];
  for (const a of items) {
    const key = dayKey(a.occurredAt);
    const last = groups[groups.length - 1];
    if (last?.key === key) last.items.push(a);
    else groups.push({ key, items: [a] });
  }
  return groups;
}

export interface TimelineFilters {
  types: string[];
  from: string | null;
  to: string | null;
}

interface Props {
  customerId: string;
  initial: ActivityDto[];
  initialCursor: string | null;
  /** The filter part of the API query string (type=…&from=…&to=…), without cursor. */
  query: string;
  /** Resolved filter bounds, to decide whether a just-created entry belongs in this view. */
  filters: { types: string[]; fromMs: number | null; toMs: number | null };
  canCreate: boolean;
  filtered: boolean;
}

/**
 * Keyset pages of the timeline: the next page loads when the sentinel scrolls into view
 * (IntersectionObserver), with a "Charger plus" button as the fallback. New manual entries are
 * inserted at once from the action's answer.
 */
export function TimelineList({ customerId, initial, initialCursor, query, filters, canCreate, filtered }: Props) {
  const [items, setItems] = useState(initial);
  const [cursor, setCursor] = useState(initialCursor);
  // A server re-render (e.g. a task added above the list) brings entries this list has not seen:
  // they join it in timeline order, without re-mounting (an open form keeps its state and focus).
  const [seenInitial, setSeenInitial] = useState(initial);
  if (initial !== seenInitial) {
    setSeenInitial(initial);
    setItems((current) => {
      const known = new Set(current.map((a) => a.id));
      const added = initial.filter((a) => !known.has(a.id));
      if (added.length === 0) return current;
      return [...added, ...current].sort(
        (a, b) => String(b.occurredAt).localeCompare(String(a.occurredAt)) || b.id.localeCompare(a.id),
      );
    });
  }
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fresh, setFresh] = useState<string | null>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const inFlight = useRef(false);

  const loadMore = useCallback(async () => {
    if (!cursor || inFlight.current) return;
    inFlight.current = true;
    setLoading(true);
    setError(null);
    try {
      const params = new URLSearchParams(query);
      params.set('cursor', cursor);
      params.set('limit', '20');
      const res = await fetch(`/api/customers/${customerId}/activities?${params}`, {
        headers: { accept: 'application/json' },
      });
      const body = await res.json().catch(() => null);
      if (!res.ok) throw new Error(body?.error?.message ?? 'Chargement impossible.');
      setItems((prev) => {
        const seen = new Set(prev.map((a) => a.id));
        return [...prev, ...(body.data as ActivityDto[]).filter((a) => !seen.has(a.id))];
      });
      setCursor(body.nextCursor);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Chargement impossible.');
    } finally {
      inFlight.current = false;
      setLoading(false);
    }
  }, [cursor, customerId, query]);

  useEffect(() => {
    const el = sentinel.current;
    if (!el || !cursor || error || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) void loadMore();
      },
      { rootMargin: '400px 0px' },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [cursor, error, loadMore]);

  function onCreated(a: ActivityDto) {
    const t = new Date(a.occurredAt).getTime();
    const visible =
      (!filters.types.length || filters.types.includes(a.type)) &&
      (filters.fromMs === null || t >= filters.fromMs) &&
      (filters.toMs === null || t <= filters.toMs);
    if (!visible) return false;
    setItems((prev) => {
      if (prev.some((p) => p.id === a.id)) return prev;
      // Keep newest-first order even for an entry dated in the past.
      const next = [...prev, a].sort((x, y) => y.occurredAt.localeCompare(x.occurredAt) || y.id.localeCompare(x.id));
      // Past the last loaded row it belongs to a page not loaded yet.
      const last = prev[prev.length - 1];
      return cursor && last && a.occurredAt < last.occurredAt ? prev : next;
    });
    setFresh(a.id);
    return true;
  }

  const groups = groupByDay(items);
  return (
    <div className="space-y-4">
      {canCreate && <ActivityForm customerId={customerId} onCreated={onCreated} />}
      {items.length === 0 ? (
        <EmptyState
          title={filtered ? 'Aucune activité pour ces filtres' : 'Aucune activité pour le moment'}
          description={
            filtered
              ? 'Élargissez la période ou cochez d’autres types.'
              : 'Les appels, visites, factures et documents apparaîtront ici.'
          }
        />
      ) : (
        <ol className="space-y-4" aria-label="Historique des activités" data-testid="activity-timeline">
          {groups.map((g) => (
            <li key={g.key}>
              <h3 className="sticky top-0 z-10 bg-white/95 py-1 text-sm font-semibold text-slate-700">
                {headingFor(g.key, g.items[0].occurredAt)}
              </h3>
              <ul className="divide-y divide-slate-100">
                {g.items.map((a) => (
                  <ActivityEntry
                    key={a.id}
                    activity={a}
                    customerId={customerId}
                    fresh={a.id === fresh}
                    actions={
                      a.canEdit ? (
                        <ActivityEntryMenu
                          customerId={customerId}
                          activity={a}
                          onChanged={(next) =>
                            setItems((prev) => prev.map((p) => (p.id === next.id ? { ...next, canEdit: true } : p)))
                          }
                          onDeleted={(id) => setItems((prev) => prev.filter((p) => p.id !== id))}
                        />
                      ) : undefined
                    }
                  />
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
      <div ref={sentinel} aria-hidden="true" />
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      {cursor && (
        <div className="flex justify-center">
          <Button
            variant="secondary"
            onClick={() => void loadMore()}
            disabled={loading}
            aria-busy={loading || undefined}
          >
            {loading ? 'Chargement…' : 'Charger plus'}
          </Button>
        </div>
      )}
      <p className="sr-only" aria-live="polite">
        {loading ? 'Chargement des activités suivantes…' : ''}
      </p>
    </div>
  );
}
