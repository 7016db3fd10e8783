'use client';

import dynamic from 'next/dynamic';
import { Skeleton } from '@/components/ui/skeleton';
import type { OpenInvoiceOption } from './finance-forms';
import { LazyFormDisclosure } from './lazy-form-disclosure';

function FormLoading() {
  return (
    <div role="status" className="space-y-3">
      <span className="sr-only">Chargement du formulaire…</span>
      <Skeleton className="h-48 w-full" />
    </div>
  );
}

// The forms (and with them zod and the finance schemas) are fetched only when someone opens one:
// they would otherwise add ~31 kB gzipped to the Finances tab's first load.
const loadForms = () => import('./finance-forms');
const preload = () => void loadForms();
const InvoiceForm = dynamic(() => loadForms().then((m) => m.InvoiceForm), { loading: FormLoading });
const PaymentForm = dynamic(() => loadForms().then((m) => m.PaymentForm), { loading: FormLoading });

export function InvoiceFormLauncher({ customerId }: { customerId: string }) {
  return (
    <LazyFormDisclosure openLabel="Saisir une facture" preload={preload}>
      {(close) => <InvoiceForm customerId={customerId} onCancel={close} />}
    </LazyFormDisclosure>
  );
}

export function PaymentFormLauncher({
  customerId,
  openInvoices,
}: {
  customerId: string;
  openInvoices: OpenInvoiceOption[];
}) {
  if (!openInvoices.length) return <p className="text-sm text-slate-600">Aucune facture ouverte : rien à encaisser.</p>;
  return (
    <LazyFormDisclosure openLabel="Saisir un paiement" preload={preload}>
      {(close) => <PaymentForm customerId={customerId} openInvoices={openInvoices} onCancel={close} />}
    </LazyFormDisclosure>
  );
}
