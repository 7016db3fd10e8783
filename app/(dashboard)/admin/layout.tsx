import type { ReactNode } from 'react';
import { requirePageActor } from '@/lib/auth/session';

/** Every /admin page: administrators only (others are sent to /forbidden). */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requirePageActor('admin');
  return <div className="space-y-4">{children}</div>;
}
