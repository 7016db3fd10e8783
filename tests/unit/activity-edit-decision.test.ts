import { describe, expect, it } from 'vitest';
import { ACTIVITY_EDIT_WINDOW_MS, activityEditDecision } from '@/lib/auth/permissions';

const now = new Date('2026-03-14T12:00:00Z');
const author = { kind: 'user' as const, id: '00000000-0000-4000-8000-000000000001', role: 'technician' as const };
const entry = (ageMs: number, over: Partial<Parameters<typeof activityEditDecision>[1]> = {}) => ({
  actorKind: 'user' as const,
  actorId: author.id,
  manual: true,
  createdAt: new Date(now.getTime() - ageMs),
  ...over,
});

describe('activityEditDecision', () => {
  it('the author: allowed up to the last millisecond of the 24 hours, refused at 24 hours', () => {
    expect(activityEditDecision(author, entry(ACTIVITY_EDIT_WINDOW_MS - 1), true, now).allowed).toBe(true);
    expect(activityEditDecision(author, entry(ACTIVITY_EDIT_WINDOW_MS), true, now)).toMatchObject({
      allowed: false,
      status: 403,
    });
  });

  it('managers and admins at any time; another technician and a viewer never', () => {
    const old = entry(30 * ACTIVITY_EDIT_WINDOW_MS);
    expect(activityEditDecision({ ...author, id: 'm', role: 'manager' }, old, true, now).allowed).toBe(true);
    expect(activityEditDecision({ ...author, id: 'a', role: 'admin' }, old, true, now).allowed).toBe(true);
    expect(activityEditDecision({ ...author, id: 'x' }, entry(0), true, now)).toMatchObject({ status: 403 });
    expect(activityEditDecision({ ...author, role: 'viewer' }, entry(0), true, now)).toMatchObject({ status: 403 });
  });

  it('a token is the author of what it wrote, not of what its role wrote elsewhere', () => {
    const token = { kind: 'token' as const, id: author.id, role: 'technician' as const };
    expect(activityEditDecision(token, entry(0, { actorKind: 'token' }), true, now).allowed).toBe(true);
    expect(activityEditDecision(token, entry(0), true, now).allowed).toBe(false);
  });

  it('entries written by the application, and any entry of an erased customer: 409, even for an admin', () => {
    const admin = { ...author, role: 'admin' as const };
    expect(activityEditDecision(admin, entry(0, { manual: false }), true, now)).toMatchObject({ status: 409 });
    expect(activityEditDecision(admin, entry(0, { actorKind: 'system' }), true, now)).toMatchObject({ status: 409 });
    expect(activityEditDecision(admin, entry(0), false, now)).toMatchObject({ status: 409 });
  });
});
