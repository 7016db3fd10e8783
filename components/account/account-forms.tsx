'use client';

import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { FormMessage, TextField } from '@/components/ui/field';
import { useFormAction, zodValidator } from '@/components/ui/use-form-action';
import { changePasswordAction, renameSelfAction, revokeOtherSessionsAction } from '@/lib/users/account-actions';
import { changePasswordSchema, MIN_PASSWORD_LENGTH, userNameSchema } from '@/lib/users/schema';

const validateName = zodValidator(userNameSchema, { pick: ['name'] });
const validatePassword = zodValidator(changePasswordSchema, { pick: ['current', 'password', 'confirm'] });

export function AccountForms({ name, email, hasPassword }: { name: string; email: string; hasPassword: boolean }) {
  const rename = useFormAction(renameSelfAction, { validate: validateName });
  const password = useFormAction(changePasswordAction, { validate: validatePassword });
  const sessions = useFormAction(revokeOtherSessionsAction);
  return (
    <div className="space-y-6">
      <Card title="Identité">
        <form
          action={rename.formAction}
          onSubmit={rename.onSubmit}
          noValidate
          className="space-y-4"
          aria-label="Identité"
        >
          <FormMessage state={rename.state} />
          <TextField
            label="Nom"
            name="name"
            required
            defaultValue={name}
            autoComplete="name"
            error={rename.errors.name}
          />
          <p className="text-sm text-slate-600">
            Adresse e-mail : <span className="break-all">{email}</span> (modifiable par un administrateur).
          </p>
          <div className="flex justify-end">
            <Button type="submit" disabled={rename.pending}>
              {rename.pending ? 'Enregistrement…' : 'Enregistrer'}
            </Button>
          </div>
        </form>
      </Card>

      {hasPassword && (
        <Card title="Mot de passe">
          <form
            action={password.formAction}
            onSubmit={password.onSubmit}
            noValidate
            className="space-y-4"
            aria-label="Changer le mot de passe"
          >
            <FormMessage state={password.state} />
            <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
            <TextField
              label="Mot de passe actuel"
              name="current"
              type="password"
              autoComplete="current-password"
              required
              error={password.errors.current}
            />
            <TextField
              label="Nouveau mot de passe"
              name="password"
              type="password"
              autoComplete="new-password"
              required
              hint={`Au moins ${MIN_PASSWORD_LENGTH} caractères ; une phrase de plusieurs mots est idéale.`}
              error={password.errors.password}
            />
            <TextField
              label="Confirmation"
              name="confirm"
              type="password"
              autoComplete="new-password"
              required
              error={password.errors.confirm}
            />
            <p className="text-sm text-slate-600">Vos autres sessions seront déconnectées.</p>
            <div className="flex justify-end">
              <Button type="submit" disabled={password.pending}>
                {password.pending ? 'Enregistrement…' : 'Changer le mot de passe'}
              </Button>
            </div>
          </form>
        </Card>
      )}

      <Card title="Sessions">
        <form action={sessions.formAction} onSubmit={sessions.onSubmit} className="space-y-4" aria-label="Sessions">
          <FormMessage state={sessions.state} />
          <p className="text-sm text-slate-600">
            Téléphone perdu, ordinateur partagé ? Déconnectez tous les autres appareils ; celui-ci reste connecté.
          </p>
          <div className="flex justify-end">
            <Button type="submit" variant="secondary" disabled={sessions.pending}>
              Déconnecter mes autres sessions
            </Button>
          </div>
        </form>
      </Card>
    </div>
  );
}
