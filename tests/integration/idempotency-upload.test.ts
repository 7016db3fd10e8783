import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { customerDocuments, idempotencyKeys } from '@/db/schema';
import * as documentsRoute from '@/app/api/customers/[id]/documents/route';
import { openApiDocument } from '@/lib/openapi/document';
import { createBearer, createCustomer } from '../factories';
import { multipart, samples } from '../factories/documents';
import { call } from '../factories/http';

/**
 * `Idempotency-Key` on a streamed multipart upload (the offline queue's photos and signatures): a form
 * rebuilt with a new boundary is the same request; another file is not. And the OpenAPI document.
 */
let tech: string;
let customer: { id: string };

beforeAll(async () => {
  tech = (await createBearer('technician')).authorization;
  customer = await createCustomer();
});

const keyRows = async (key: string) => getDb().select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key));

describe('multipart upload', () => {
  const upload = (key: string, file: Buffer, name = 'photo.png') =>
    call(documentsRoute.POST, {
      method: 'POST',
      path: `/api/customers/${customer.id}/documents`,
      params: { id: customer.id },
      auth: tech,
      // A new FormData each time: a new random boundary, as a queue rebuilding the request would send.
      rawBody: multipart(file, name, { category: 'photo' }, 'image/png'),
      headers: { 'idempotency-key': key },
    });
  const documents = async () =>
    Number(
      (
        await getDb()
          .select({ n: count() })
          .from(customerDocuments)
          .where(eq(customerDocuments.customerId, customer.id))
      )[0].n,
    );

  it('sent twice with the same key → one document, the same answer; another file → 422', async () => {
    const before = await documents();
    const png = samples.png();
    const first = await upload('photo-1', png);
    expect(first.status, first.text).toBe(201);
    const again = await upload('photo-1', png);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect(await documents()).toBe(before + 1);

    const other = await upload('photo-1', Buffer.concat([png, Buffer.from('autre')]));
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency_mismatch');
    const renamed = await upload('photo-1', png, 'autre-nom.png');
    expect(renamed.status).toBe(422);
    expect(await documents()).toBe(before + 1);
  });

  it('an upload refused before its body is read (unknown customer) keeps no key: the retry is judged again', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const res = await call(documentsRoute.POST, {
      method: 'POST',
      path: `/api/customers/${unknown}/documents`,
      params: { id: unknown },
      auth: tech,
      rawBody: multipart(samples.png(), 'photo.png', { category: 'photo' }, 'image/png'),
      headers: { 'idempotency-key': 'photo-unknown' },
    });
    expect(res.status).toBe(404);
    expect(await keyRows('photo-unknown')).toHaveLength(0);
  });
});

describe('OpenAPI', () => {
  it('documents the header once and references it on every write, with its 409 and 422', () => {
    const doc = openApiDocument() as any;
    expect(doc.components.parameters.IdempotencyKey).toMatchObject({ name: 'Idempotency-Key', in: 'header' });
    const ref = { $ref: '#/components/parameters/IdempotencyKey' };
    const notes = doc.paths['/api/customers/{id}/notes'];
    expect(notes.post.parameters).toContainEqual(ref);
    expect(notes.post.responses['409'].description).toMatch(/idempotency_in_progress/);
    expect(notes.post.responses['422'].description).toMatch(/idempotency_mismatch/);
    expect(notes.get.parameters).not.toContainEqual(ref);
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>))
      for (const [method, op] of Object.entries(ops))
        if (method !== 'get' && op['x-permission'] !== 'public')
          expect(op.parameters, `${method} ${path}`).toContainEqual(ref);
  });
});
