import { type FieldError, TextField } from '@/components/ui/field';
import { MIN_PASSWORD_LENGTH } from '@/lib/users/limits';

/** « Nouveau mot de passe » and its confirmation (set-password link, account page). */
export function NewPasswordFields({
  errors,
  autoFocus,
}: {
  errors: { password?: FieldError; confirm?: FieldError };
  autoFocus?: boolean;
}) {
  return (
    <>
      <TextField
        label="Nouveau mot de passe"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        autoFocus={autoFocus}
        hint={`Au moins ${MIN_PASSWORD_LENGTH} caractères ; une phrase de plusieurs mots est idéale.`}
        error={errors.password}
      />
      <TextField
        label="Confirmation"
        name="confirm"
        type="password"
        autoComplete="new-password"
        required
        error={errors.confirm}
      />
    </>
  );
}
