import { sql } from 'drizzle-orm';
import { getDbHandle } from '@/db';
import { getRfmSnapshot } from '@/lib/analytics/rfm';
import { publicRoute } from '@/lib/auth/with-auth';
import { json } from '@/lib/http/responses';
import { healthRoute } from '@/lib/openapi/routes/system';

const state = globalThis as unknown as { __c360Warmed?: boolean };

/**
 * The first health check of a process (npm start waits for it, so do load balancers) also checks
 * the base-wide RFM snapshot: computed if missing, refreshed in the background if stale, so the
 * first customer page does not wait for it.
 */
function warmUpOnce(handle: ReturnType<typeof getDbHandle>) {
  if (state.__c360Warmed) return;
  state.__c360Warmed = true;
  void getRfmSnapshot(handle.db).catch((error: unknown) =>
    console.error('[health] RFM warm-up failed', error instanceof Error ? error.message : error),
  );
}

/** Liveness with a database round trip; public (load balancers), reveals nothing but the driver. */
export const GET = publicRoute(healthRoute, async () => {
  try {
    const handle = getDbHandle();
    await handle.db.execute(sql`select 1`);
    warmUpOnce(handle);
    return json({ status: 'ok', db: 'ok', driver: handle.driver });
  } catch (error) {
    console.error('[health] database check failed', error instanceof Error ? error.message : error);
    return json({ status: 'error', db: 'error' }, { status: 503 });
  }
});
