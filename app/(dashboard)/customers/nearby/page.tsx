import type { Metadata } from 'next';
import { NearbyCustomers } from '@/components/customers/nearby-customers';
import { requirePageActor } from '@/lib/auth/session';
import { env } from '@/lib/env';

export const metadata: Metadata = { title: 'Clients autour de moi' };

export default async function NearbyPage() {
  await requirePageActor('customer.read');
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Clients autour de moi</h1>
        <p className="text-sm text-slate-600">
          Les clients les plus proches de votre position, avec la distance, l’appel et l’itinéraire.
        </p>
      </div>
      <NearbyCustomers tileUrl={env().MAP_TILE_URL} />
    </div>
  );
}
