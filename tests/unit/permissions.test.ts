import { describe, expect, it } from 'vitest';
import {
  can,
  canDeleteDocument,
  canReportIntervention,
  PERMISSIONS,
  ROLES,
  type Permission,
  type Role,
} from '@/lib/auth/permissions';

// SPEC §1, written out literally: permission | admin | manager | technician | viewer.
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
| customer.delete      | ✓ | – | – | – |
| admin                | ✓ | – | – | – |
| intervention.read    | ✓ | ✓ | ✓ | ✓ |
| intervention.plan    | ✓ | ✓ | – | – |
| intervention.report  | ✓ | ✓ | own | – |
| intervention.invoice | ✓ | ✓ | – | – |
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

describe('permission matrix (SPEC §1)', () => {
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
});
