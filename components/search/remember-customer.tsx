'use client';
import { useEffect } from 'react';
import { forgetCustomer, type RecentCustomer, rememberCustomer } from './recent-customers';

/** Rendered by the customer layout: opening a record puts it first in the search's recent list. */
export function RememberCustomer({
  userId,
  customer,
  erased,
}: {
  userId: string;
  customer: RecentCustomer;
  erased: boolean;
}) {
  const { id, label, secondary, href } = customer;
  useEffect(() => {
    if (erased) forgetCustomer(userId, id);
    else rememberCustomer(userId, { id, label, secondary, href });
  }, [userId, id, label, secondary, href, erased]);
  return null;
}
