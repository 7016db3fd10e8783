'use client';
import { useEffect, useState } from 'react';
import type { SearchResponse } from '@/lib/search/schema';

export type SearchState =
  | { status: 'idle' }
  // While the next answer comes, the previous one stays on screen (no flicker between keystrokes).
  | { status: 'loading'; previous: SearchResponse | null }
  | { status: 'done'; response: SearchResponse }
  | { status: 'error'; message: string };

const DEBOUNCE_MS = 200;

/**
 * `GET /api/search` for the typed text, DEBOUNCE_MS after the last keystroke; a newer text aborts the
 * request in flight, so an older, slower answer never replaces the newer one.
 */
export function useSearchResults(query: string): SearchState {
  // The answer and the text it answers: a newer text shows "loading" until its own answer arrives.
  const [answer, setAnswer] = useState<{ q: string; state: SearchState } | null>(null);
  const q = query.trim();

  useEffect(() => {
    if (!q) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const res = await fetch(`/api/search?${new URLSearchParams({ q })}`, {
          signal: controller.signal,
          headers: { accept: 'application/json' },
        });
        const body = (await res.json().catch(() => null)) as
          (SearchResponse & { error?: { message?: string; fields?: Record<string, string[]> } }) | null;
        if (!res.ok || !body?.groups) {
          const message =
            res.status === 401
              ? 'Votre session a expiré : reconnectez-vous.'
              : (body?.error?.fields?.q?.[0] ?? body?.error?.message ?? 'La recherche a échoué. Réessayez.');
          setAnswer({ q, state: { status: 'error', message } });
          return;
        }
        setAnswer({ q, state: { status: 'done', response: body } });
      } catch (e) {
        if ((e as Error).name !== 'AbortError')
          setAnswer({ q, state: { status: 'error', message: 'La recherche a échoué (réseau). Réessayez.' } });
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q]);

  if (!q) return { status: 'idle' };
  if (answer?.q === q) return answer.state;
  return { status: 'loading', previous: answer?.state.status === 'done' ? answer.state.response : null };
}
