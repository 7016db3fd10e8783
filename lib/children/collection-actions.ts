import 'server-only';
import type { z } from 'zod';
import { getDb } from '@/db';
import type { Actor } from '@/lib/auth/actor';
import type { Permission } from '@/lib/auth/permissions';
import { defineAction, type FormSpec, type Revalidation } from '@/lib/define-action';
import { json, noContent } from '@/lib/http/responses';
import type { ChildCollection, ChildTable } from './collection';

interface EndpointOptions {
  /** The child's path parameter (`/api/customers/{id}/contacts/{contactId}` → 'contactId'). */
  param: string;
  /** Reads are `customer.read` (declared on the routes); writes need this. */
  write: Permission;
  /** How each form becomes the schema's input (edit forms post the whole record: emptied = cleared). */
  form: { create: FormSpec; update: FormSpec };
}

type Ctx<B = undefined> = { actor: Actor; params: Record<string, string>; body: B };

/** Every tab of the customer shows its contacts and vehicles (profile, 360 summary, header). */
const customerLayout = (id: string): Revalidation[] => [[`/customers/${id}`, 'layout']];

/**
 * Server actions and route handler bodies of a child collection. The actions are re-exported by the
 * domain's 'use server' file; the handlers are wrapped by `withAuth(routeDefinition, handler)` in app/api.
 */
export function collectionEndpoints<
  T extends ChildTable,
  Dto,
  C extends z.ZodType<Record<string, unknown>>,
  U extends z.ZodType<{ updatedAt?: Date }>,
>(collection: ChildCollection<T, Dto, C, U>, { param, write, form }: EndpointOptions) {
  const { labels } = collection;
  return {
    actions: {
      create: defineAction({
        permission: write,
        ids: ['Client'],
        form: form.create,
        schema: collection.createSchema,
        run: ({ actor, ids: [id], input, db }) => collection.create(db, actor, id, input as z.output<C>),
        message: `${labels.added}.`,
        revalidate: ([id]) => customerLayout(id),
      }),
      update: defineAction({
        permission: write,
        ids: ['Client', labels.one],
        form: form.update,
        schema: collection.updateSchema,
        run: ({ actor, ids: [id, childId], input, db }) =>
          collection.update(db, actor, id, childId, input as z.output<U>),
        message: `${labels.saved}.`,
        revalidate: ([id]) => customerLayout(id),
      }),
      remove: defineAction({
        permission: write,
        ids: ['Client', labels.one],
        run: ({ actor, ids: [id, childId], db }) => collection.remove(db, actor, id, childId),
        message: `${labels.deleted}.`,
        revalidate: ([id]) => customerLayout(id),
      }),
    },
    handlers: {
      list: async ({ params }: Ctx) => json({ data: await collection.list(getDb(), params.id) }),
      create: async ({ actor, params, body }: Ctx<z.output<C>>) =>
        json(await collection.create(getDb(), actor, params.id, body), { status: 201 }),
      get: async ({ params }: Ctx) => json(await collection.get(getDb(), params.id, params[param])),
      update: async ({ actor, params, body }: Ctx<z.output<U>>) =>
        json(await collection.update(getDb(), actor, params.id, params[param], body)),
      remove: async ({ actor, params }: Ctx) => {
        await collection.remove(getDb(), actor, params.id, params[param]);
        return noContent();
      },
    },
  };
}
