import { describe, expect, it } from 'vitest';
import {
  can,
  canDeleteDocument,
  canManageTask,
  canManageNote,
  canReportIntervention,
  canSeeDocument,
  customerAbilities,
  interventionAbilities,
  documentVisibility,
  ownsItem,
  PERMISSIONS,
  savedViewAbilities,
  ROLES,
  type CustomerAbilities,
  type Permission,
  type Role,
} from '@/lib/auth/permissions';

// The roles table of the README (Roles), written out literally: permission | admin | manager | technician | viewer.
const TABLE = `
| customer.read        | ✓ | ✓ | ✓ | ✓ |
| customer.create      | ✓ | ✓ | – | – |
| customer.update      | ✓ | ✓ | – | – |
| customer.field-update| ✓ | ✓ | ✓ | – |
| activity.create      | ✓ | ✓ | ✓ | – |
| document.upload      | ✓ | ✓ | ✓ | – |
| document.delete      | ✓ | ✓ | own | – |
| consent.record       | ✓ | ✓ | ✓ | – |
| finance.read         | ✓ | ✓ | – | ✓ |
| analytics.read       | ✓ | ✓ | – | ✓ |
| finance.write        | ✓ | ✓ | – | – |
| customer.status      | ✓ | ✓ | – | – |
| customer.duplicate   | ✓ | ✓ | – | – |
| customer.export      | ✓ | ✓ | – | – |
| email.send           | ✓ | ✓ | – | – |
| email.template       | ✓ | ✓ | – | – |
| customer.delete      | ✓ | – | – | – |
| admin                | ✓ | – | – | – |
| intervention.read    | ✓ | ✓ | ✓ | ✓ |
| intervention.plan    | ✓ | ✓ | – | – |
| intervention.report  | ✓ | ✓ | own | – |
| intervention.invoice | ✓ | ✓ | – | – |
| task.read            | ✓ | ✓ | own | ✓ |
| task.write           | ✓ | ✓ | own | – |
| view.share           | ✓ | ✓ | – | – |
`;

const COLUMNS: Role[] = ['admin', 'manager', 'technician', 'viewer'];
const matrix = TABLE.trim()
  .split('\n')
  .map((line) =>
    line
      .split('|')
      .map((c) => c.trim())
      .filter(Boolean),
  )
  .map(([permission, ...cells]) => ({ permission: permission as Permission, cells }));

describe('permission matrix (README › Roles)', () => {
  it('covers every permission and every role exactly', () => {
    expect(matrix.map((r) => r.permission).sort()).toEqual([...PERMISSIONS].sort());
    expect([...ROLES].sort()).toEqual([...COLUMNS].sort());
  });

  for (const { permission, cells } of matrix) {
    COLUMNS.forEach((role, i) => {
      const cell = cells[i];
      const expected = cell === '✓' || cell === 'own';
      it(`${role} ${expected ? 'may' : 'may not'} ${permission}`, () => {
        expect(can(role, permission)).toBe(expected);
      });
    });
  }

  it('nobody without a role may do anything', () => {
    for (const p of PERMISSIONS) expect(can(null, p)).toBe(false);
  });

  it('document.delete for technicians is limited to their own uploads', () => {
    const tech = { role: 'technician' as const, kind: 'user' as const, id: 'u1' };
    expect(canDeleteDocument(tech, { uploadedBy: 'u1', uploadedByToken: null })).toBe(true);
    expect(canDeleteDocument(tech, { uploadedBy: 'u2', uploadedByToken: null })).toBe(false);
    const techToken = { role: 'technician' as const, kind: 'token' as const, id: 't1' };
    expect(canDeleteDocument(techToken, { uploadedBy: null, uploadedByToken: 't1' })).toBe(true);
    expect(canDeleteDocument(techToken, { uploadedBy: 't1', uploadedByToken: null })).toBe(false);
    for (const role of ['admin', 'manager'] as const) {
      expect(canDeleteDocument({ role, kind: 'user', id: 'x' }, { uploadedBy: 'someone', uploadedByToken: null })).toBe(
        true,
      );
    }
    expect(
      canDeleteDocument({ role: 'viewer', kind: 'user', id: 'u1' }, { uploadedBy: 'u1', uploadedByToken: null }),
    ).toBe(false);
  });

  it('intervention.report for technicians is limited to their own assignments', () => {
    const mine = { technicianId: 'u1' };
    expect(canReportIntervention({ role: 'technician', kind: 'user', id: 'u1' }, mine)).toBe(true);
    expect(canReportIntervention({ role: 'technician', kind: 'user', id: 'u2' }, mine)).toBe(false);
    expect(canReportIntervention({ role: 'technician', kind: 'user', id: 'u1' }, { technicianId: null })).toBe(false);
    // A token is never assigned, even one whose id happens to equal the technician's.
    expect(canReportIntervention({ role: 'technician', kind: 'token', id: 'u1' }, mine)).toBe(false);
    for (const role of ['admin', 'manager'] as const)
      expect(canReportIntervention({ role, kind: 'token', id: 't' }, { technicianId: null })).toBe(true);
    expect(canReportIntervention({ role: 'viewer', kind: 'user', id: 'u1' }, mine)).toBe(false);
  });

  it('saved views: the owner manages them; a shared one is seen by all and taken down by managers', () => {
    const mine = { ownerUserId: 'u1', ownerTokenId: null, shared: false };
    const owner = { role: 'technician' as const, kind: 'user' as const, id: 'u1' };
    expect(savedViewAbilities(owner, mine)).toEqual({
      see: true,
      rename: true,
      share: false,
      unshare: false,
      delete: true,
    });
    // Another user's private view does not exist for anyone else, managers included.
    for (const role of ['admin', 'manager', 'viewer'] as const)
      expect(savedViewAbilities({ role, kind: 'user', id: 'u2' }, mine).see).toBe(false);
    // A token id equal to the user id is not the owner.
    expect(savedViewAbilities({ role: 'admin', kind: 'token', id: 'u1' }, mine).see).toBe(false);
    const shared = { ...mine, ownerUserId: 'm1', shared: true };
    expect(savedViewAbilities({ role: 'viewer', kind: 'user', id: 'u2' }, shared)).toEqual({
      see: true,
      rename: false,
      share: false,
      unshare: false,
      delete: false,
    });
    expect(savedViewAbilities({ role: 'manager', kind: 'user', id: 'm2' }, shared)).toEqual({
      see: true,
      rename: false,
      share: false,
      unshare: true,
      delete: true,
    });
    expect(savedViewAbilities({ role: 'manager', kind: 'user', id: 'm1' }, { ...shared, shared: false }).share).toBe(
      true,
    );
  });

  it('task.write for technicians is limited to the tasks they created or are assigned', () => {
    const task = { createdBy: 'm1', createdByToken: null, assigneeId: 'u1' };
    expect(canManageTask({ role: 'technician', kind: 'user', id: 'u1' }, task)).toBe(true);
    expect(canManageTask({ role: 'technician', kind: 'user', id: 'u2' }, task)).toBe(false);
    expect(canManageTask({ role: 'technician', kind: 'user', id: 'u2' }, { ...task, createdBy: 'u2' })).toBe(true);
    expect(canManageTask({ role: 'technician', kind: 'token', id: 't1' }, { ...task, createdByToken: 't1' })).toBe(
      true,
    );
    // A token is never an assignee, even one whose id happens to equal the assignee's.
    expect(canManageTask({ role: 'technician', kind: 'token', id: 'u1' }, task)).toBe(false);
    for (const role of ['admin', 'manager'] as const)
      expect(canManageTask({ role, kind: 'token', id: 't' }, { ...task, assigneeId: null })).toBe(true);
    expect(canManageTask({ role: 'viewer', kind: 'user', id: 'u1' }, task)).toBe(false);
  });
});

// Each ability and the permission it stands for (reads stay on an erased customer, writes do not).
const ABILITY_PERMISSION: Record<keyof CustomerAbilities, { permission: Permission; write: boolean }> = {
  update: { permission: 'customer.update', write: true },
  fieldUpdate: { permission: 'customer.field-update', write: true },
  status: { permission: 'customer.status', write: true },
  delete: { permission: 'customer.delete', write: true },
  duplicate: { permission: 'customer.duplicate', write: true },
  export: { permission: 'customer.export', write: true },
  emailSend: { permission: 'email.send', write: true },
  financeRead: { permission: 'finance.read', write: false },
  financeWrite: { permission: 'finance.write', write: true },
  analyticsRead: { permission: 'analytics.read', write: false },
  activityCreate: { permission: 'activity.create', write: true },
  documentUpload: { permission: 'document.upload', write: true },
  consentRecord: { permission: 'consent.record', write: true },
  interventionPlan: { permission: 'intervention.plan', write: true },
  interventionInvoice: { permission: 'intervention.invoice', write: true },
  taskWrite: { permission: 'task.write', write: true },
};

describe('customerAbilities', () => {
  const live = { erasedAt: null };
  const erased = { erasedAt: new Date('2026-01-02T03:04:05Z') };

  it('follows the permission matrix on a live customer', () => {
    for (const role of ROLES) {
      const abilities = customerAbilities({ role }, live);
      for (const [ability, { permission }] of Object.entries(ABILITY_PERMISSION)) {
        expect(abilities[ability as keyof CustomerAbilities], `${role} ${ability}`).toBe(can(role, permission));
      }
    }
  });

  it('has exactly the abilities listed here (a new one must say which permission it stands for)', () => {
    expect(Object.keys(customerAbilities({ role: 'admin' }, live)).sort()).toEqual(
      Object.keys(ABILITY_PERMISSION).sort(),
    );
  });

  it('allows no write at all on an erased customer, even to an admin; reads stay', () => {
    for (const role of ROLES) {
      const abilities = customerAbilities({ role }, erased);
      for (const [ability, { permission, write }] of Object.entries(ABILITY_PERMISSION)) {
        expect(abilities[ability as keyof CustomerAbilities], `${role} ${ability}`).toBe(
          write ? false : can(role, permission),
        );
      }
    }
    expect(customerAbilities({ role: 'admin' }, erased)).toMatchObject({ update: false, delete: false, export: false });
  });

  it('gives nothing to no one (signed out)', () => {
    expect(Object.values(customerAbilities(null, live)).some(Boolean)).toBe(false);
  });

  it('is plain data (it crosses to client components as a prop)', () => {
    const abilities = customerAbilities({ role: 'manager' }, live);
    expect(JSON.parse(JSON.stringify(abilities))).toEqual(abilities);
    expect(Object.values(abilities).every((v) => typeof v === 'boolean')).toBe(true);
  });
});

describe('documentVisibility', () => {
  it('lists the minimum roles each role may see: its own rank and below', () => {
    expect(documentVisibility('viewer')).toEqual(['viewer']);
    expect(documentVisibility('technician').sort()).toEqual(['technician', 'viewer']);
    expect(documentVisibility('manager').sort()).toEqual(['manager', 'technician', 'viewer']);
    expect(documentVisibility('admin').sort()).toEqual([...ROLES].sort());
  });

  it('agrees with the in-memory predicate for every pair', () => {
    for (const role of ROLES) {
      for (const minRole of ROLES) {
        expect(canSeeDocument(role, { minRole }), `${role} sees ${minRole}`).toBe(
          documentVisibility(role).includes(minRole),
        );
      }
    }
  });
});

describe('ownsItem', () => {
  it('matches a user by user id and a token by token id, never across kinds', () => {
    expect(ownsItem({ kind: 'user', id: 'u1' }, { userId: 'u1', tokenId: null })).toBe(true);
    expect(ownsItem({ kind: 'user', id: 'u1' }, { userId: 'u2', tokenId: null })).toBe(false);
    expect(ownsItem({ kind: 'user', id: 'u1' }, { userId: null, tokenId: 'u1' })).toBe(false);
    expect(ownsItem({ kind: 'token', id: 't1' }, { userId: null, tokenId: 't1' })).toBe(true);
    expect(ownsItem({ kind: 'token', id: 't1' }, { userId: 't1', tokenId: null })).toBe(false);
  });

  it('never lets an actor without id own an item without owner', () => {
    expect(ownsItem({ kind: 'system', id: null }, { userId: null, tokenId: null })).toBe(false);
    expect(ownsItem({ kind: 'token', id: null }, { userId: null, tokenId: null })).toBe(false);
    expect(ownsItem({ kind: 'user', id: null }, { userId: null })).toBe(false);
  });
});

describe('canManageNote', () => {
  it('lets managers and admins manage any note, technicians their own, viewers none', () => {
    const note = { authorId: 'u1', authorTokenId: null };
    expect(canManageNote({ role: 'admin', kind: 'user', id: 'x' }, note)).toBe(true);
    expect(canManageNote({ role: 'manager', kind: 'user', id: 'x' }, note)).toBe(true);
    expect(canManageNote({ role: 'technician', kind: 'user', id: 'u1' }, note)).toBe(true);
    expect(canManageNote({ role: 'technician', kind: 'user', id: 'u2' }, note)).toBe(false);
    expect(
      canManageNote({ role: 'technician', kind: 'token', id: 't1' }, { authorId: null, authorTokenId: 't1' }),
    ).toBe(true);
    expect(canManageNote({ role: 'viewer', kind: 'user', id: 'u1' }, note)).toBe(false);
  });
});

describe('interventionAbilities', () => {
  const live = { erasedAt: null };
  const tech = { role: 'technician' as const, kind: 'user' as const, id: 't1' };
  const other = { ...tech, id: 't2' };
  const manager = { role: 'manager' as const, kind: 'user' as const, id: 'm1' };
  const viewer = { role: 'viewer' as const, kind: 'user' as const, id: 'v1' };
  const iv = (status: 'planned' | 'in_progress' | 'done' | 'invoiced' | 'cancelled', noCharge = false) => ({
    status,
    technicianId: 't1',
    noCharge,
  });
  const off = { techPricing: false };

  it('the assigned technician starts, reports, attaches and completes; another one and viewers do nothing', () => {
    expect(interventionAbilities(tech, live, iv('planned'), off)).toMatchObject({ start: true, report: false });
    expect(interventionAbilities(tech, live, iv('in_progress'), off)).toMatchObject({
      complete: true,
      report: true,
      attach: true,
      pricing: false,
      cancel: false,
      invoice: false,
    });
    expect(interventionAbilities(tech, live, iv('in_progress'), { techPricing: true }).pricing).toBe(true);
    for (const actor of [other, viewer])
      expect(Object.values(interventionAbilities(actor, live, iv('in_progress'), off)).some(Boolean)).toBe(false);
  });

  it('managers plan lines before the start, cancel, reassign and invoice what is done and charged', () => {
    expect(interventionAbilities(manager, live, iv('planned'), off)).toMatchObject({
      report: true,
      pricing: true,
      cancel: true,
      reassign: true,
      invoice: false,
    });
    expect(interventionAbilities(manager, live, iv('done'), off)).toMatchObject({ invoice: true, cancel: false });
    expect(interventionAbilities(manager, live, iv('done', true), off).invoice).toBe(false);
    expect(interventionAbilities(manager, live, iv('invoiced'), off)).toMatchObject({ invoice: false, attach: false });
  });

  it('nothing on an erased customer', () => {
    const erased = { erasedAt: new Date() };
    const abilities = interventionAbilities(manager, erased, iv('in_progress'), off);
    expect(Object.values(abilities).some(Boolean)).toBe(false);
  });
});
