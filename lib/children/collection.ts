import 'server-only';
import { and, eq, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Db, DbOrTx, Tx } from '@/db';
import type { Actor } from '@/lib/auth/actor';
import { diffFields, withActivity } from '@/lib/audit';
import { requireCustomer } from '@/lib/customers/guard';
import { AppError } from '@/lib/errors';

/*
 * A customer's child collection (contacts, vehicles) declared once: table, zod schemas, French
 * labels and a few hooks. `defineChildCollection` yields the queries and the mutations (each write
 * locks the customer — 404 unknown, 409 erased — and records its activity in the same transaction);
 * `./collection-actions.ts` adds the server actions and the route handlers' bodies.
 *
 * Intervention lines, later: their parent is an intervention, not a customer. Generalise the two
 * places that say "customer" — `parentColumn` (today `table.customerId`) and the write guard (today
 * `requireCustomer(tx, id, { forUpdate: true })`, for lines `lockIntervention(tx, customerId, id)`
 * plus the plan/report permission) — and keep the activity on the customer's timeline.
 */

/** What a child table must have: its id, the customer it belongs to, a version for optimistic edits. */
export type ChildTable = PgTable & {
  id: AnyPgColumn;
  customerId: AnyPgColumn;
  updatedAt: AnyPgColumn;
};
type BaseRow = { id: string; customerId: string; updatedAt: Date };
export type RowOf<T extends ChildTable> = T['$inferSelect'] & BaseRow;

export interface ChildLabels {
  /** « Contact » → 404 « Contact introuvable. » (also its PATH_ID_LABELS entry). */
  one: string;
  /** Activity titles « <added> : <describe(row)> » and action messages « <added>. ». */
  added: string;
  updated: string;
  deleted: string;
  /** Action message after an edit (« Contact enregistré. »). */
  saved: string;
  /** 409 when `updatedAt` does not match the stored version. */
  stale: string;
}

export interface ChildCollectionDefinition<
  T extends ChildTable,
  Dto,
  C extends z.ZodType<Record<string, unknown>>,
  U extends z.ZodType<{ updatedAt?: Date }>,
> {
  table: T;
  labels: ChildLabels;
  /** `customer_activity.related_type` of its entries. */
  relatedType: string;
  /** Columns a PATCH may change, diffed into the activity's metadata. */
  fields: readonly (keyof RowOf<T> & string)[];
  createSchema: C;
  updateSchema: U;
  serialize: (row: RowOf<T>) => Dto;
  /** The row's name in activity titles. */
  describe: (row: RowOf<T>) => string;
  orderBy: SQL[];
  hooks?: {
    /** After insert / update / delete, in the transaction (search refresh, primary demotion...). */
    afterCreate?: (tx: Tx, row: RowOf<T>) => Promise<void>;
    /** `merged` = the row as it will be: throw AppError to refuse (rules spanning fields). */
    beforeUpdate?: (merged: RowOf<T>) => void;
    afterUpdate?: (tx: Tx, row: RowOf<T>, before: RowOf<T>, diff: Record<string, unknown>) => Promise<void>;
    afterDelete?: (tx: Tx, row: RowOf<T>) => Promise<void>;
  };
}

export type ChildCollection<
  T extends ChildTable,
  Dto,
  C extends z.ZodType<Record<string, unknown>>,
  U extends z.ZodType<{ updatedAt?: Date }>,
> = ReturnType<typeof defineChildCollection<T, Dto, C, U>>;

export function defineChildCollection<
  T extends ChildTable,
  Dto,
  C extends z.ZodType<Record<string, unknown>>,
  U extends z.ZodType<{ updatedAt?: Date }>,
>(def: ChildCollectionDefinition<T, Dto, C, U>) {
  const { table, labels, hooks = {} } = def;
  const notFound = () => AppError.notFound(`${labels.one} introuvable.`);
  // Drizzle cannot type a query over a generic table: rows are cast once, here.
  const ofCustomer = (customerId: string) => eq(table.customerId, customerId);
  const byId = (customerId: string, id: string) => and(eq(table.id, id), ofCustomer(customerId));

  async function getRow(db: DbOrTx, customerId: string, id: string): Promise<RowOf<T> | null> {
    const [row] = await db
      .select()
      .from(table as PgTable)
      .where(byId(customerId, id))
      .limit(1);
    return (row as RowOf<T> | undefined) ?? null;
  }

  async function lockRow(tx: Tx, customerId: string, id: string): Promise<RowOf<T>> {
    const [row] = await tx
      .select()
      .from(table as PgTable)
      .where(byId(customerId, id))
      .for('update')
      .limit(1);
    if (!row) throw notFound();
    return row as RowOf<T>;
  }

  const entry = (customerId: string, title: string, row: RowOf<T>, metadata?: Record<string, unknown>) => ({
    customerId,
    type: 'profile' as const,
    title: `${title} : ${def.describe(row)}`,
    ...(metadata ? { metadata } : {}),
    relatedType: def.relatedType,
    relatedId: row.id,
  });

  return {
    labels,
    createSchema: def.createSchema,
    updateSchema: def.updateSchema,

    /** In `orderBy` order. 404 when the customer does not exist; an erased one lists what is left. */
    async list(db: DbOrTx, customerId: string): Promise<Dto[]> {
      await requireCustomer(db, customerId, { allowErased: true });
      const rows = await db
        .select()
        .from(table as PgTable)
        .where(ofCustomer(customerId))
        .orderBy(...def.orderBy);
      return (rows as RowOf<T>[]).map(def.serialize);
    },

    getRow,

    /** A child of another customer is "not found" for this one. */
    async get(db: DbOrTx, customerId: string, id: string): Promise<Dto> {
      const row = await getRow(db, customerId, id);
      if (!row) throw notFound();
      return def.serialize(row);
    },

    async create(db: Db, actor: Actor, customerId: string, input: z.output<C>): Promise<Dto> {
      return withActivity(db, actor, async (tx) => {
        await requireCustomer(tx, customerId, { forUpdate: true });
        const [inserted] = await tx
          .insert(table)
          .values({ ...input, customerId } as T['$inferInsert'])
          .returning();
        const row = inserted as RowOf<T>;
        await hooks.afterCreate?.(tx, row);
        return { value: def.serialize(row), activity: entry(customerId, labels.added, row) };
      });
    },

    /** Partial update; a stale `updatedAt` is a 409; no change → no write, no activity. */
    async update(db: Db, actor: Actor, customerId: string, id: string, input: z.output<U>): Promise<Dto> {
      return withActivity(db, actor, async (tx) => {
        await requireCustomer(tx, customerId, { forUpdate: true });
        const current = await lockRow(tx, customerId, id);
        if (input.updatedAt && input.updatedAt.getTime() !== current.updatedAt.getTime()) {
          throw AppError.conflict(labels.stale);
        }
        const changes: Record<string, unknown> = {};
        for (const key of def.fields) {
          const value = (input as Record<string, unknown>)[key];
          if (value !== undefined) changes[key] = value;
        }
        hooks.beforeUpdate?.({ ...current, ...changes });
        const diff = diffFields(current as Record<string, unknown>, changes, def.fields);
        if (!Object.keys(diff).length) return { value: def.serialize(current), activity: null };
        const [row] = (await tx
          .update(table)
          .set(changes as Partial<T['$inferInsert']>)
          .where(eq(table.id, id))
          .returning()) as unknown as RowOf<T>[];
        await hooks.afterUpdate?.(tx, row, current, diff);
        return { value: def.serialize(row), activity: entry(customerId, labels.updated, row, { changes: diff }) };
      });
    },

    async remove(db: Db, actor: Actor, customerId: string, id: string): Promise<void> {
      await withActivity(db, actor, async (tx) => {
        await requireCustomer(tx, customerId, { forUpdate: true });
        const current = await lockRow(tx, customerId, id);
        await tx.delete(table).where(eq(table.id, id));
        await hooks.afterDelete?.(tx, current);
        return { value: undefined, activity: entry(customerId, labels.deleted, current) };
      });
    },
  };
}
