import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { customerActivity, emailOutbox } from '@/db/schema';
import { resetEnvCache } from '@/lib/env';
import { startSmtpServer } from './smtp';

/**
 * A loopback SMTP server the app sends to (SMTP_URL) until `stopAppSmtp()`; kept apart from ./smtp so
 * the Playwright specs, which start the app in its own process, do not load the app's env module.
 */
export async function startAppSmtp(opts: { reject?: boolean } = {}) {
  const smtp = await startSmtpServer(opts);
  process.env.SMTP_URL = smtp.url;
  resetEnvCache();
  return smtp;
}

/** afterEach: back to no SMTP server (the outbox keeps the messages as `queued`). */
export function stopAppSmtp() {
  delete process.env.SMTP_URL;
  resetEnvCache();
}

export const outboxOf = (customerId: string) =>
  getDb().select().from(emailOutbox).where(eq(emailOutbox.customerId, customerId));

export const emailActivitiesOf = (customerId: string) =>
  getDb()
    .select()
    .from(customerActivity)
    .where(and(eq(customerActivity.customerId, customerId), eq(customerActivity.type, 'email')));
