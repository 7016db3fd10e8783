import type { CustomerAbilities } from '@/lib/auth/permissions';

/**
 * Which header action goes where: one primary (Modifier), the everyday ones visible (Envoyer un
 * e-mail), the rare and destructive ones in the « ⋯ » menu, the destructive ones behind a
 * confirmation. Pure: the abilities come from the page (customerAbilities), never recomputed here.
 */
export type HeaderActionId = 'edit' | 'email' | 'status' | 'archive' | 'duplicate' | 'export' | 'erase';
export type HeaderPlacement = 'primary' | 'visible' | 'menu';

export interface HeaderAction {
  id: HeaderActionId;
  label: string;
  placement: HeaderPlacement;
  /** Asks before acting (the destructive ones, and the copy, which explains what it copies). */
  confirm: boolean;
  danger: boolean;
}

export type HeaderAbilities = Pick<
  CustomerAbilities,
  'update' | 'status' | 'delete' | 'emailSend' | 'duplicate' | 'export'
>;

export interface HeaderState {
  status: 'active' | 'inactive';
  archived: boolean;
  hasEmail: boolean;
}

export function headerActions(abilities: HeaderAbilities, state: HeaderState): HeaderAction[] {
  const actions: HeaderAction[] = [];
  const add = (a: HeaderAction, allowed: boolean) => allowed && actions.push(a);
  add({ id: 'edit', label: 'Modifier', placement: 'primary', confirm: false, danger: false }, abilities.update);
  add(
    { id: 'email', label: 'Envoyer un e-mail', placement: 'visible', confirm: false, danger: false },
    abilities.emailSend && state.hasEmail,
  );
  const deactivate = state.status === 'active';
  add(
    {
      id: 'status',
      label: deactivate ? 'Désactiver' : 'Activer',
      placement: 'menu',
      confirm: deactivate,
      danger: false,
    },
    abilities.status,
  );
  add(
    {
      id: 'archive',
      label: state.archived ? 'Désarchiver' : 'Archiver',
      placement: 'menu',
      confirm: !state.archived,
      danger: false,
    },
    abilities.update,
  );
  add({ id: 'duplicate', label: 'Dupliquer', placement: 'menu', confirm: true, danger: false }, abilities.duplicate);
  add({ id: 'export', label: 'Exporter', placement: 'menu', confirm: false, danger: false }, abilities.export);
  add({ id: 'erase', label: 'Effacer les données', placement: 'menu', confirm: true, danger: true }, abilities.delete);
  return actions;
}

export const EXPORT_FORMATS = [
  { format: 'json', label: 'JSON (portabilité RGPD)' },
  { format: 'csv', label: 'CSV' },
  { format: 'xlsx', label: 'Excel (XLSX)' },
  { format: 'pdf', label: 'PDF' },
] as const;

/** Roving focus in the open menu: arrows wrap, Home/End jump; any other key leaves the focus alone. */
export function nextMenuIndex(key: string, current: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowDown':
      return (current + 1) % count;
    case 'ArrowUp':
      return (current - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
