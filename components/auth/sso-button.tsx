import { Button } from '@/components/ui/button';
import { ssoSignInAction } from '@/lib/auth/sso-action';

export function SsoButton({ label, redirectTo }: { label: string; redirectTo: string }) {
  return (
    <form action={ssoSignInAction}>
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <Button type="submit" variant="secondary" className="w-full">
        {label}
      </Button>
    </form>
  );
}
