import { sql } from 'drizzle-orm';
import { getDbHandle } from '@/db';
import { json } from '@/lib/http/responses';

/** Liveness with a database round trip; public (load balancers), reveals nothing but the driver. */
export async function GET(): Promise<Response> {
  try {
    const handle = getDbHandle();
    await handle.db.execute(sql`select 1`);
    return json({ status: 'ok', db: 'ok', driver: handle.driver });
  } catch (error) {
    console.error('[health] database check failed', error instanceof Error ? error.message : error);
    return json({ status: 'error', db: 'error' }, { status: 503 });
  }
}
