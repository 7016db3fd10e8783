import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { invoiceCorrections } from '@/lib/finances/correction-queries';
import { issueCreditNote } from '@/lib/finances/corrections';
import { json } from '@/lib/http/responses';
import { issueCreditNoteRoute, listCreditNotesRoute } from '@/lib/openapi/routes/finances';

export const GET = withAuth(listCreditNotesRoute, async ({ params }) =>
  json(await invoiceCorrections(getDb(), params.id, params.invoiceId, 'creditNotes')),
);

/** 201 with `{ creditNote, invoice }` (the invoice's new creditedCents / remainingCents / refundableCents). */
export const POST = withAuth(issueCreditNoteRoute, async ({ actor, params, body }) =>
  json(await issueCreditNote(getDb(), actor, params.id, params.invoiceId, body), { status: 201 }),
);
