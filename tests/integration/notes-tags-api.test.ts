import { and, count, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db';
import { customerActivity, customerNotes, customerTags, tags } from '@/db/schema';
import { actorFor, createBearer, createCustomer, createUser, suiteBearers } from '@/tests/factories';
import { call, callRawJson } from '@/tests/factories/http';

const session = vi.hoisted(() => ({ actor: null as unknown }));
vi.mock('@/lib/auth/session', async () =>
  (await import('@/tests/factories/session-mock')).sessionMock(() => session.actor),
);
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));

const notesRoute = await import('@/app/api/customers/[id]/notes/route');
const noteRoute = await import('@/app/api/customers/[id]/notes/[noteId]/route');
const tagsRoute = await import('@/app/api/tags/route');
const customerTagsRoute = await import('@/app/api/customers/[id]/tags/route');
const customerTagRoute = await import('@/app/api/customers/[id]/tags/[tagId]/route');
const noteActions = await import('@/lib/notes/actions');
const tagActions = await import('@/lib/tags/actions');
const { initialActionState } = await import('@/lib/actions');

const auth = suiteBearers();

const db = () => getDb();
const form = (fields: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
};
async function activities(customerId: string, type?: string) {
  return db()
    .select()
    .from(customerActivity)
    .where(
      and(eq(customerActivity.customerId, customerId), type ? eq(customerActivity.type, type as 'note') : undefined),
    );
}
async function noteCount(customerId: string) {
  const [r] = await db().select({ n: count() }).from(customerNotes).where(eq(customerNotes.customerId, customerId));
  return Number(r.n);
}

describe('notes API', () => {
  it('creates, lists (pinned first, then newest), updates and deletes with activity rows', async () => {
    const c = await createCustomer();
    const body = 'Client pressé.\n\nRappeler avant 18 h <b>pas de HTML</b>';
    const created = await call(notesRoute.POST, {
      method: 'POST',
      params: { id: c.id },
      auth: auth.technician,
      body: { body },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ customerId: c.id, body, pinned: false, author: { id: null } });

    const second = await call(notesRoute.POST, {
      method: 'POST',
      params: { id: c.id },
      auth: auth.manager,
      body: { body: 'Deuxième' },
    });
    const third = await call(notesRoute.POST, {
      method: 'POST',
      params: { id: c.id },
      auth: auth.manager,
      body: { body: 'Troisième' },
    });
    const pin = await call(noteRoute.PATCH, {
      method: 'PATCH',
      params: { id: c.id, noteId: created.body.id },
      auth: auth.manager,
      body: { pinned: true },
    });
    expect(pin.status).toBe(200);
    expect(pin.body.pinned).toBe(true);
    // Pinning is not a text edit: updatedAt does not move.
    expect(pin.body.updatedAt).toBe(created.body.updatedAt);

    const list = await call(notesRoute.GET, { params: { id: c.id }, auth: auth.viewer });
    expect(list.status).toBe(200);
    expect(list.body.data.map((n: { id: string }) => n.id)).toEqual([created.body.id, third.body.id, second.body.id]);

    // Keyset pages of 1 walk the same order without overlap.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await call(notesRoute.GET, {
        params: { id: c.id },
        auth: auth.viewer,
        query: { limit: '1', ...(cursor ? { cursor } : {}) },
      });
      seen.push(...page.body.data.map((n: { id: string }) => n.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([created.body.id, third.body.id, second.body.id]);

    const edited = await call(noteRoute.PATCH, {
      method: 'PATCH',
      params: { id: c.id, noteId: second.body.id },
      auth: auth.admin,
      body: { body: 'Deuxième, corrigée' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.body).toBe('Deuxième, corrigée');

    const del = await call(noteRoute.DELETE, {
      method: 'DELETE',
      params: { id: c.id, noteId: third.body.id },
      auth: auth.manager,
    });
    expect(del.status).toBe(204);
    expect(await noteCount(c.id)).toBe(2);

    const rows = await activities(c.id, 'note');
    expect(rows.map((r) => r.title).sort()).toEqual(
      ['Note ajoutée', 'Note ajoutée', 'Note ajoutée', 'Note modifiée', 'Note supprimée', 'Note épinglée'].sort(),
    );
    expect(rows.every((r) => r.relatedType === 'note')).toBe(true);
    expect(rows.find((r) => r.title === 'Note supprimée')?.relatedId).toBe(third.body.id);
  });

  it('enforces permissions: viewer cannot write, anonymous is 401, bad input is 422 and writes nothing', async () => {
    const c = await createCustomer();
    expect(
      (await call(notesRoute.POST, { method: 'POST', params: { id: c.id }, auth: auth.viewer, body: { body: 'x' } }))
        .status,
    ).toBe(403);
    expect((await call(notesRoute.GET, { params: { id: c.id } })).status).toBe(401);
    const empty = await call(notesRoute.POST, {
      method: 'POST',
      params: { id: c.id },
      auth: auth.admin,
      body: { body: '   \n ' },
    });
    expect(empty.status).toBe(422);
    expect(empty.body.error.fields.body).toBeDefined();
    const long = await call(notesRoute.POST, {
      method: 'POST',
      params: { id: c.id },
      auth: auth.admin,
      body: { body: 'a'.repeat(5001) },
    });
    expect(long.status).toBe(422);
    expect((await callRawJson(notesRoute.POST, '{"body":', { params: { id: c.id }, auth: auth.admin })).status).toBe(
      400,
    );
    const nothing = await call(noteRoute.PATCH, {
      method: 'PATCH',
      params: { id: c.id, noteId: crypto.randomUUID() },
      auth: auth.admin,
      body: {},
    });
    expect(nothing.status).toBe(422);
    expect(await noteCount(c.id)).toBe(0);
    expect(await activities(c.id)).toHaveLength(0);
    // Unknown customer.
    expect(
      (
        await call(notesRoute.POST, {
          method: 'POST',
          params: { id: crypto.randomUUID() },
          auth: auth.admin,
          body: { body: 'x' },
        })
      ).status,
    ).toBe(404);
    expect((await call(notesRoute.GET, { params: { id: 'not-a-uuid' }, auth: auth.admin })).status).toBe(404);
  });

  it("answers 404 for another customer's note", async () => {
    const a = await createCustomer();
    const b = await createCustomer();
    const note = await call(notesRoute.POST, {
      method: 'POST',
      params: { id: a.id },
      auth: auth.admin,
      body: { body: 'Note de A' },
    });
    const params = { id: b.id, noteId: note.body.id };
    expect((await call(noteRoute.GET, { params, auth: auth.admin })).status).toBe(404);
    expect(
      (await call(noteRoute.PATCH, { method: 'PATCH', params, auth: auth.admin, body: { body: 'piratée' } })).status,
    ).toBe(404);
    expect((await call(noteRoute.DELETE, { method: 'DELETE', params, auth: auth.admin })).status).toBe(404);
    const [row] = await db().select().from(customerNotes).where(eq(customerNotes.id, note.body.id));
    expect(row.body).toBe('Note de A');
  });

  it('lets a technician edit and delete only their own notes (author rule), managers any', async () => {
    const c = await createCustomer();
    const tech = await createUser('technician');
    const otherTech = await createUser('technician');
    const manager = await createUser('manager');

    session.actor = actorFor(tech);
    const created = await noteActions.createNoteAction(
      c.id,
      initialActionState,
      form({ body: 'Ligne 1\nLigne 2', pinned: 'on' }),
    );
    expect(created).toMatchObject({ ok: true, data: { pinned: true, author: { id: tech.id, name: tech.name } } });
    const noteId = created.data!.id;

    session.actor = actorFor(otherTech);
    const denied = await noteActions.updateNoteAction(
      c.id,
      noteId,
      initialActionState,
      form({ body: 'modifiée par un autre' }),
    );
    expect(denied.ok).toBe(false);
    expect(denied.message).toMatch(/auteur/);
    expect((await noteActions.deleteNoteAction(c.id, noteId, initialActionState, form({}))).ok).toBe(false);
    expect((await noteActions.togglePinNoteAction(c.id, noteId, initialActionState, form({}))).ok).toBe(false);
    // The API says the same with a technician token (not the author either): 403.
    expect(
      (
        await call(noteRoute.PATCH, {
          method: 'PATCH',
          params: { id: c.id, noteId },
          auth: auth.technician,
          body: { body: 'x' },
        })
      ).status,
    ).toBe(403);
    expect(
      (await call(noteRoute.DELETE, { method: 'DELETE', params: { id: c.id, noteId }, auth: auth.technician })).status,
    ).toBe(403);

    session.actor = actorFor(tech);
    const own = await noteActions.updateNoteAction(
      c.id,
      noteId,
      initialActionState,
      form({ body: 'Ligne 1\r\nLigne 2 modifiée' }),
    );
    expect(own).toMatchObject({ ok: true, data: { body: 'Ligne 1\nLigne 2 modifiée' } });
    const unpinned = await noteActions.togglePinNoteAction(c.id, noteId, initialActionState, form({}));
    expect(unpinned).toMatchObject({ ok: true, data: { pinned: false } });
    const invalid = await noteActions.createNoteAction(c.id, initialActionState, form({ body: '' }));
    expect(invalid.ok).toBe(false);
    expect(invalid.fieldErrors?.body?.[0]).toBeTruthy();

    session.actor = actorFor(manager);
    expect((await noteActions.deleteNoteAction(c.id, noteId, initialActionState, form({}))).ok).toBe(true);
    expect(await noteCount(c.id)).toBe(0);

    session.actor = actorFor(await createUser('viewer'));
    expect((await noteActions.createNoteAction(c.id, initialActionState, form({ body: 'x' }))).ok).toBe(false);
    expect(await noteCount(c.id)).toBe(0);
  });

  it('a note written through the API can be edited and deleted by the same token, not by another technician token', async () => {
    const c = await createCustomer();
    const writer = (await createBearer('technician')).authorization;
    const created = await call(notesRoute.POST, {
      method: 'POST',
      params: { id: c.id },
      auth: writer,
      body: { body: 'Relevé kilométrique : 120 000 km' },
    });
    expect(created.status).toBe(201);
    const noteId = created.body.id as string;
    const [row] = await db().select().from(customerNotes).where(eq(customerNotes.id, noteId));
    expect(row).toMatchObject({ authorId: null, authorTokenId: expect.any(String) });
    expect(
      (
        await call(noteRoute.PATCH, {
          method: 'PATCH',
          params: { id: c.id, noteId },
          auth: auth.technician,
          body: { body: 'x' },
        })
      ).status,
    ).toBe(403);
    const edited = await call(noteRoute.PATCH, {
      method: 'PATCH',
      params: { id: c.id, noteId },
      auth: writer,
      body: { body: 'Relevé : 121 000 km' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.body).toBe('Relevé : 121 000 km');
    expect(
      (await call(noteRoute.DELETE, { method: 'DELETE', params: { id: c.id, noteId }, auth: writer })).status,
    ).toBe(204);
    expect(await noteCount(c.id)).toBe(0);
  });
});

describe('tags API', () => {
  it('creates tags, unique case-insensitively (409), and lists them with counts', async () => {
    const created = await call(tagsRoute.POST, {
      method: 'POST',
      auth: auth.manager,
      body: { name: '  Flotte   VIP ', color: '#DC2626' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Flotte VIP', color: '#dc2626' });

    const dup = await call(tagsRoute.POST, { method: 'POST', auth: auth.admin, body: { name: 'flotte vip' } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('conflict');
    expect(dup.body.error.message).toContain('Flotte VIP');
    const [{ n }] = await db().select({ n: count() }).from(tags);
    expect(Number(n)).toBe(1);

    expect(
      (await call(tagsRoute.POST, { method: 'POST', auth: auth.admin, body: { name: 'x'.repeat(41) } })).status,
    ).toBe(422);
    expect(
      (await call(tagsRoute.POST, { method: 'POST', auth: auth.admin, body: { name: 'Rouge', color: 'red' } })).status,
    ).toBe(422);
    expect((await call(tagsRoute.POST, { method: 'POST', auth: auth.admin, body: { name: '' } })).status).toBe(422);
    expect((await call(tagsRoute.POST, { method: 'POST', auth: auth.technician, body: { name: 'Tech' } })).status).toBe(
      403,
    );

    const c1 = await createCustomer();
    const c2 = await createCustomer();
    for (const c of [c1, c2]) {
      expect(
        (
          await call(customerTagsRoute.POST, {
            method: 'POST',
            params: { id: c.id },
            auth: auth.manager,
            body: { tagId: created.body.id },
          })
        ).status,
      ).toBe(201);
    }
    const list = await call(tagsRoute.GET, { auth: auth.viewer });
    expect(list.status).toBe(200);
    expect(list.body.data.find((t: { id: string }) => t.id === created.body.id)).toMatchObject({ customerCount: 2 });
  });

  it('adds by name (created on the fly, reused in any case), removes, and writes profile activities', async () => {
    const c = await createCustomer();
    const add = await call(customerTagsRoute.POST, {
      method: 'POST',
      params: { id: c.id },
      auth: auth.admin,
      body: { name: 'Entretien annuel', color: '#16a34a' },
    });
    expect(add.status).toBe(201);
    expect(add.body).toMatchObject({ name: 'Entretien annuel', color: '#16a34a' });

    const other = await createCustomer();
    const reuse = await call(customerTagsRoute.POST, {
      method: 'POST',
      params: { id: other.id },
      auth: auth.admin,
      body: { name: 'ENTRETIEN ANNUEL' },
    });
    expect(reuse.status).toBe(201);
    expect(reuse.body.id).toBe(add.body.id);
    // Adding twice is idempotent (one link, one activity).
    await call(customerTagsRoute.POST, {
      method: 'POST',
      params: { id: c.id },
      auth: auth.admin,
      body: { name: 'entretien annuel' },
    });
    const links = await db().select().from(customerTags).where(eq(customerTags.customerId, c.id));
    expect(links).toHaveLength(1);

    const listed = await call(customerTagsRoute.GET, { params: { id: c.id }, auth: auth.viewer });
    expect(listed.body.data).toEqual([{ id: add.body.id, name: 'Entretien annuel', color: '#16a34a' }]);

    expect(
      (
        await call(customerTagsRoute.POST, {
          method: 'POST',
          params: { id: c.id },
          auth: auth.technician,
          body: { name: 'x' },
        })
      ).status,
    ).toBe(403);
    expect(
      (await call(customerTagsRoute.POST, { method: 'POST', params: { id: c.id }, auth: auth.admin, body: {} })).status,
    ).toBe(422);
    expect(
      (
        await call(customerTagsRoute.POST, {
          method: 'POST',
          params: { id: c.id },
          auth: auth.admin,
          body: { tagId: crypto.randomUUID() },
        })
      ).status,
    ).toBe(404);

    const removed = await call(customerTagsRoute.DELETE, {
      method: 'DELETE',
      params: { id: c.id },
      query: { tagId: add.body.id },
      auth: auth.manager,
    });
    expect(removed.status).toBe(204);
    expect(
      (
        await call(customerTagsRoute.DELETE, {
          method: 'DELETE',
          params: { id: c.id },
          query: { tagId: add.body.id },
          auth: auth.manager,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call(customerTagRoute.DELETE, {
          method: 'DELETE',
          params: { id: other.id, tagId: add.body.id },
          auth: auth.manager,
        })
      ).status,
    ).toBe(204);

    const rows = await activities(c.id, 'profile');
    expect(rows.map((r) => r.title)).toEqual(
      expect.arrayContaining(['Étiquette « Entretien annuel » ajoutée', 'Étiquette « Entretien annuel » retirée']),
    );
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.relatedType === 'tag' && r.relatedId === add.body.id)).toBe(true);
  });

  it('server actions: add by name with colour, remove, permission checked', async () => {
    const c = await createCustomer();
    session.actor = actorFor(await createUser('manager'));
    const added = await tagActions.addTagAction(
      c.id,
      initialActionState,
      form({ name: 'Pneus hiver', color: '#2563eb' }),
    );
    expect(added).toMatchObject({ ok: true, data: { name: 'Pneus hiver', color: '#2563eb' } });
    const dup = await tagActions.createTagAction(initialActionState, form({ name: 'PNEUS HIVER' }));
    expect(dup.ok).toBe(false);
    expect(dup.fieldErrors?.name).toBeDefined();
    expect((await tagActions.removeTagAction(c.id, added.data!.id, initialActionState, form({}))).ok).toBe(true);

    session.actor = actorFor(await createUser('technician'));
    const denied = await tagActions.addTagAction(c.id, initialActionState, form({ name: 'Interdit' }));
    expect(denied.ok).toBe(false);
    const [{ n }] = await db().select({ n: count() }).from(tags).where(eq(tags.name, 'Interdit'));
    expect(Number(n)).toBe(0);
  });
});
