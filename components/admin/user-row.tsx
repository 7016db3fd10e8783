'use client';

import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';
import { initialActionState } from '@/lib/action-state';
import {
  changeRoleAction,
  type LinkActionData,
  resendInvitationAction,
  revokeInvitationAction,
  deactivateUserAction,
  reactivateUserAction,
  sendResetLinkAction,
} from '@/lib/users/actions';
import type { Option } from './users-manager';

type ActionResult = { ok: boolean; message: string; data?: unknown };

export interface UserRowData {
  id: string;
  name: string;
  email: string;
  role: string;
  status: 'invited' | 'active' | 'deactivated';
  sso: boolean;
  lastLoginLabel: string;
  createdLabel: string;
  createdByName: string | null;
  invitationLabel: string | null;
}

/** One account's actions; each answers with a toast, and hands a link up when no e-mail could carry it. */
export function UserRowActions({
  user,
  roles,
  self,
  onLink,
}: {
  user: UserRowData;
  roles: Option[];
  self: boolean;
  onLink: (link: LinkActionData) => void;
}) {
  const toast = useToast();
  async function run(
    action: (prev: typeof initialActionState, fd: FormData) => Promise<ActionResult>,
    fd = new FormData(),
  ) {
    const result = await action(initialActionState, fd);
    toast.show(result.message, result.ok ? 'success' : 'error');
    const data = result.data as LinkActionData | undefined;
    if (result.ok && data?.url) onLink(data);
    return result.ok;
  }
  /** A one-click action on this account (resend, reset link, reactivate). */
  const oneClick = (
    action: (id: string, prev: typeof initialActionState, fd: FormData) => Promise<ActionResult>,
    label: string,
  ) => (
    <Button variant="secondary" size="sm" className="min-h-11" onClick={() => run(action.bind(null, user.id))}>
      {label}
    </Button>
  );

  return (
    <div className="flex flex-wrap items-end gap-2">
      {user.status !== 'deactivated' && !self && (
        <form
          className="flex items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void run(changeRoleAction.bind(null, user.id), new FormData(e.currentTarget));
          }}
        >
          <label className="text-sm">
            <span className="sr-only">Rôle de {user.name}</span>
            <select
              name="role"
              defaultValue={user.role}
              aria-label={`Rôle de ${user.name}`}
              className="block min-h-11 rounded-md border border-slate-300 bg-white px-2 text-base sm:text-sm"
            >
              {roles.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </select>
          </label>
          <Button type="submit" variant="secondary" size="sm" className="min-h-11">
            Changer le rôle
          </Button>
        </form>
      )}
      {user.status === 'invited' && (
        <>
          {oneClick(resendInvitationAction, 'Renvoyer l’invitation')}
          <ConfirmDialog
            triggerLabel="Annuler l’invitation"
            triggerSize="sm"
            triggerAriaLabel={`Annuler l’invitation de ${user.email}`}
            title={`Annuler l’invitation de ${user.email} ?`}
            confirmLabel="Annuler l’invitation"
            cancelLabel="Garder"
            onConfirm={() => run(revokeInvitationAction.bind(null, user.id))}
          >
            <p>Le lien envoyé cessera de fonctionner et le compte en attente sera supprimé.</p>
          </ConfirmDialog>
        </>
      )}
      {user.status === 'active' && oneClick(sendResetLinkAction, 'Envoyer un lien de réinitialisation')}
      {user.status === 'active' && !self && (
        <ConfirmDialog
          triggerLabel="Désactiver"
          triggerSize="sm"
          triggerAriaLabel={`Désactiver ${user.name}`}
          title={`Désactiver ${user.name} ?`}
          confirmLabel="Désactiver"
          onConfirm={() => run(deactivateUserAction.bind(null, user.id))}
        >
          <p>
            Ses sessions ouvertes sont fermées immédiatement et les jetons d’API qu’il a créés cessent de fonctionner.
            Vous pourrez le réactiver.
          </p>
        </ConfirmDialog>
      )}
      {user.status === 'deactivated' && oneClick(reactivateUserAction, 'Réactiver')}
    </div>
  );
}
