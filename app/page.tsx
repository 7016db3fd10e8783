import { redirect } from 'next/navigation';
import { requirePageActor } from '@/lib/auth/session';

/** Where signing in lands (README "Interventions"): technicians on their day, everyone else on the customer list. */
export default async function Home() {
  const actor = await requirePageActor();
  redirect(actor.role === 'technician' ? '/ma-journee' : '/customers');
}
