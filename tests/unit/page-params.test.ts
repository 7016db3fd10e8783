import { isHTTPAccessFallbackError } from 'next/dist/client/components/http-access-fallback/http-access-fallback';
import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { firstParam, orNotFound, parseIdOrNotFound, readIdPage } from '@/lib/http/page-params';

const ID = '0F1E2D3C-4B5A-4978-8695-A4B3C2D1E0F9';

/** What notFound() threw, or null when nothing was thrown. */
function thrown(run: () => unknown): unknown {
  try {
    run();
    return null;
  } catch (error) {
    return error;
  }
}

describe('parseIdOrNotFound', () => {
  it('returns a UUID in lower case, as parseId does', () => {
    expect(parseIdOrNotFound(ID, 'Client')).toBe(ID.toLowerCase());
  });

  it('renders the not-found page for anything that is not a UUID', () => {
    for (const bad of ['', 'abc', `${ID}x`, '../etc/passwd']) {
      const error = thrown(() => parseIdOrNotFound(bad, 'Client'));
      expect(isHTTPAccessFallbackError(error), bad).toBe(true);
      expect((error as { digest: string }).digest).toMatch(/;404$/);
    }
  });
});

describe('readIdPage', () => {
  it('awaits params and query together', async () => {
    const page = await readIdPage({
      params: Promise.resolve({ id: ID }),
      searchParams: Promise.resolve({ a: ['1', '2'] }),
    });
    expect(page).toEqual({ id: ID.toLowerCase(), query: { a: ['1', '2'] } });
  });

  it('gives an empty query to a page that takes none', async () => {
    expect(await readIdPage({ params: Promise.resolve({ id: ID }) })).toEqual({ id: ID.toLowerCase(), query: {} });
  });

  it('rejects with the not-found signal on a malformed id', async () => {
    const error = await readIdPage({ params: Promise.resolve({ id: 'nope' }) }).catch((e: unknown) => e);
    expect(isHTTPAccessFallbackError(error)).toBe(true);
  });
});

describe('firstParam', () => {
  it('keeps the first of a repeated parameter', () => {
    expect(firstParam(['a', 'b'])).toBe('a');
    expect(firstParam('a')).toBe('a');
    expect(firstParam(undefined)).toBeUndefined();
  });
});

describe('orNotFound', () => {
  it("resolves with the loader's value", async () => {
    expect(await orNotFound(Promise.resolve(42))).toBe(42);
  });

  it('turns an AppError not_found into the not-found signal', async () => {
    const error = await orNotFound(Promise.reject(AppError.notFound('Client introuvable.'))).catch((e: unknown) => e);
    expect(isHTTPAccessFallbackError(error)).toBe(true);
    expect((error as { digest: string }).digest).toMatch(/;404$/);
  });

  it('lets every other error through to the error page (a database failure is not a 404)', async () => {
    const dbDown = new Error('connect ECONNREFUSED 127.0.0.1:5432');
    expect(await orNotFound(Promise.reject(dbDown)).catch((e: unknown) => e)).toBe(dbDown);
    const forbidden = AppError.forbidden();
    expect(await orNotFound(Promise.reject(forbidden)).catch((e: unknown) => e)).toBe(forbidden);
  });
});
