'use client';
/**
 * SubmitButton: a submit button that disables itself and shows `pendingLabel` while its <form> action runs.
 * Must be rendered inside the <form>. Same variants as <Button>.
 *   <SubmitButton pendingLabel="Enregistrement…">Enregistrer</SubmitButton>
 *   <SubmitButton variant="danger" name="confirmDuplicates" value="1">Créer quand même</SubmitButton>
 */
import { useFormStatus } from 'react-dom';
import { Button, type ButtonProps } from './button';

export function SubmitButton({
  children,
  pendingLabel,
  disabled,
  ...props
}: Omit<ButtonProps, 'type'> & { pendingLabel?: string }) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" disabled={pending || disabled} aria-busy={pending || undefined} {...props}>
      {pending && (
        <span
          aria-hidden="true"
          className="inline-block size-4 animate-spin rounded-full border-2 border-current border-t-transparent"
        />
      )}
      {pending && pendingLabel ? pendingLabel : children}
    </Button>
  );
}
