import { describe, expect, it } from 'vitest';
import { customerOf, isOfflineApiRead, isOfflinePage, touchRecent } from '@/lib/offline/cache-policy';
import { noteWrite, reportWrite, statusWrite } from '@/lib/offline/forms';

const C = '0b6f3c1e-8d2a-4c5b-9e7f-1a2b3c4d5e6f';
const I = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

describe('what the service worker may keep', () => {
  it('keeps the technician’s pages and the reads behind them', () => {
    for (const path of [
      '/ma-journee',
      `/customers/${C}`,
      `/customers/${C}/interventions`,
      `/customers/${C}/interventions/${I}`,
      `/customers/${C}/documents`,
    ])
      expect(isOfflinePage(path), path).toBe(true);
    for (const path of [
      '/api/interventions',
      `/api/customers/${C}`,
      `/api/customers/${C}/contacts`,
      `/api/customers/${C}/vehicles`,
      `/api/customers/${C}/notes`,
      `/api/customers/${C}/documents`,
    ])
      expect(isOfflineApiRead(path), path).toBe(true);
  });

  it('never keeps finances, analytics, exports, administration or document downloads', () => {
    for (const path of [
      `/customers/${C}/finances`,
      `/customers/${C}/analytics`,
      `/customers/${C}/dashboard-360`,
      `/customers/${C}/edit`,
      '/admin/users',
      '/customers',
      '/planning',
    ])
      expect(isOfflinePage(path), path).toBe(false);
    for (const path of [
      `/api/customers/${C}/finances`,
      `/api/customers/${C}/analytics`,
      `/api/customers/${C}/export`,
      '/api/customers/export',
      `/api/customers/${C}/documents/${I}`,
      `/api/customers/${C}/invoices`,
      '/api/users',
    ])
      expect(isOfflineApiRead(path), path).toBe(false);
  });

  it('the last 20 customers opened stay, the 21st pushes the oldest out', () => {
    expect(customerOf(`/customers/${C}/interventions/${I}`)).toBe(C);
    expect(customerOf(`/api/customers/${C}/notes`)).toBe(C);
    expect(customerOf('/ma-journee')).toBeNull();
    let recent: string[] = [];
    for (let i = 0; i < 20; i++) recent = touchRecent(recent, `c${i}`).recent;
    expect(touchRecent(recent, 'c5')).toEqual({ recent: ['c5', ...recent.filter((id) => id !== 'c5')], evicted: [] });
    const pushed = touchRecent(recent, 'new');
    expect(pushed.recent).toHaveLength(20);
    expect(pushed.evicted).toEqual(['c0']);
  });
});

describe('queued writes of the forms', () => {
  const ids = { customerId: C, interventionId: I };
  const form = (entries: Record<string, string>) => {
    const fd = new FormData();
    for (const [k, v] of Object.entries(entries)) fd.append(k, v);
    return fd;
  };

  it('« Terminer » of the report form completes with the report; « Enregistrer » patches it', () => {
    const fields = {
      updatedAt: '2026-03-12T09:00:00.000Z',
      workDone: 'Vidange',
      noChargeField: '1',
      noCharge: 'on',
      lines: '[]',
    };
    const complete = reportWrite(ids, form({ ...fields, intent: 'complete', sendReport: 'on' }));
    expect(complete).toMatchObject({
      method: 'POST',
      url: `/api/customers/${C}/interventions/${I}/complete`,
      body: {
        type: 'json',
        value: { updatedAt: fields.updatedAt, workDone: 'Vidange', noCharge: true, lines: [], sendReport: true },
      },
      version: { target: I, updatedAt: fields.updatedAt },
    });
    expect(reportWrite(ids, form({ ...fields, intent: 'save' }))).toMatchObject({
      method: 'PATCH',
      url: `/api/customers/${C}/interventions/${I}`,
    });
  });

  it('a note and a start carry what the API expects', () => {
    expect(noteWrite(C, form({ body: 'Clés dans la boîte', pinned: 'on' })).body).toEqual({
      type: 'json',
      value: { body: 'Clés dans la boîte', pinned: true },
    });
    expect(statusWrite('start', ids, '2026-03-12T09:00:00.000Z')).toMatchObject({
      url: `/api/customers/${C}/interventions/${I}/start`,
      body: { type: 'json', value: { updatedAt: '2026-03-12T09:00:00.000Z' } },
    });
  });
});
