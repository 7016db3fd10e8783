import { describe, expect, it } from 'vitest';
import { headerActions, nextMenuIndex } from '@/components/customers/header-actions';
import { customerAbilities, type Role } from '@/lib/auth/permissions';

const live = { erasedAt: null };
const state = { status: 'active' as const, archived: false, hasEmail: true };
const abilitiesOf = (role: Role, customer: { erasedAt: Date | null } = live) => customerAbilities({ role }, customer);
const ids = (role: Role, placement: string, s = state) =>
  headerActions(abilitiesOf(role), s)
    .filter((a) => a.placement === placement)
    .map((a) => a.id);

describe('header actions hierarchy', () => {
  it('one primary action (Modifier), the everyday one visible, the rare ones in the menu', () => {
    expect(ids('manager', 'primary')).toEqual(['edit']);
    expect(ids('manager', 'visible')).toEqual(['email']);
    expect(ids('manager', 'menu')).toEqual(['status', 'archive', 'duplicate', 'export']);
  });

  it('erasing is for admins only, in the menu, destructive and confirmed', () => {
    const erase = headerActions(abilitiesOf('admin'), state).find((a) => a.id === 'erase');
    expect(erase).toMatchObject({ placement: 'menu', confirm: true, danger: true, label: 'Effacer les données' });
    expect(headerActions(abilitiesOf('manager'), state).some((a) => a.id === 'erase')).toBe(false);
  });

  it('deactivating and archiving ask first; reactivating and unarchiving do not', () => {
    const on = headerActions(abilitiesOf('manager'), state);
    expect(on.find((a) => a.id === 'status')).toMatchObject({ label: 'Désactiver', confirm: true });
    expect(on.find((a) => a.id === 'archive')).toMatchObject({ label: 'Archiver', confirm: true });
    const off = headerActions(abilitiesOf('manager'), { status: 'inactive', archived: true, hasEmail: true });
    expect(off.find((a) => a.id === 'status')).toMatchObject({ label: 'Activer', confirm: false });
    expect(off.find((a) => a.id === 'archive')).toMatchObject({ label: 'Désarchiver', confirm: false });
  });

  it('no e-mail button without an address', () => {
    expect(ids('manager', 'visible', { ...state, hasEmail: false })).toEqual([]);
  });

  it('technicians and viewers get no header action; nobody gets one on an erased customer', () => {
    expect(headerActions(abilitiesOf('technician'), state)).toEqual([]);
    expect(headerActions(abilitiesOf('viewer'), state)).toEqual([]);
    expect(headerActions(abilitiesOf('admin', { erasedAt: new Date() }), state)).toEqual([]);
  });

  it('follows the abilities it is given, whatever the role would say', () => {
    const only = { ...abilitiesOf('viewer'), export: true };
    expect(headerActions(only, state).map((a) => a.id)).toEqual(['export']);
  });
});

describe('menu keyboard', () => {
  it('arrows wrap, Home and End jump, other keys leave the focus', () => {
    expect(nextMenuIndex('ArrowDown', 2, 3)).toBe(0);
    expect(nextMenuIndex('ArrowUp', 0, 3)).toBe(2);
    expect(nextMenuIndex('ArrowDown', -1, 3)).toBe(0);
    expect(nextMenuIndex('Home', 2, 3)).toBe(0);
    expect(nextMenuIndex('End', 0, 3)).toBe(2);
    expect(nextMenuIndex('a', 1, 3)).toBeNull();
    expect(nextMenuIndex('ArrowDown', 0, 0)).toBeNull();
  });
});
