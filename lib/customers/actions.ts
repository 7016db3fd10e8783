'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { type ActionState, runAction } from '@/lib/actions';
import { can } from '@/lib/auth/permissions';
import { requireActionActor } from '@/lib/auth/session';
import { AppError, zodFieldErrors } from '@/lib/errors';
import { parseId } from '@/lib/http/parse';
import { pickFormFields, withRuleErrors } from './form';
import {
  archiveCustomer,
  createCustomer,
  eraseCustomerWithFiles,
  findPossibleDuplicates,
  type PossibleDuplicate,
  toggleCustomerStatus,
  updateCustomer,
} from './mutations';
import { customerCreateSchema, customerFields, customerRuleIssues, customerUpdateSchema } from './schema';

const FIELD_KEYS = Object.keys(customerFields);
// Fields a user may empty in the edit form (kind is required; country falls back to its value).
const CLEARABLE = FIELD_KEYS.filter((k) => k !== 'kind' && k !== 'country');

type CreateData = { possibleDuplicates?: PossibleDuplicate[]; erasedPerson?: { canConfirm: boolean } };

export async function createCustomerAction(_prev: ActionState, formData: FormData): Promise<ActionState<CreateData>> {
  let createdId: string | undefined;
  const result = await runAction<CreateData>(async () => {
    const actor = await requireActionActor('customer.create');
    const raw = pickFormFields(formData, FIELD_KEYS);
    const parsed = customerCreateSchema.safeParse(raw);
    if (!parsed.success) {
      throw AppError.validation(
        withRuleErrors(raw, zodFieldErrors(parsed.error), (c) => customerRuleIssues(c as never)),
      );
    }
    const db = getDb();
    if (formData.get('confirmDuplicates') !== '1') {
      const possibleDuplicates = await findPossibleDuplicates(db, parsed.data);
      if (possibleDuplicates.length) {
        return { ok: false, message: 'Des clients similaires existent déjà.', data: { possibleDuplicates } };
      }
    }
    // An erased person (README "Security"): refused, unless an admin confirms with confirmErased=1.
    const created = await createCustomer(db, actor, parsed.data, {
      confirmErased: formData.get('confirmErased') === '1',
    }).catch((error: unknown) => {
      if (!(error instanceof AppError) || error.code !== 'erased_person') throw error;
      return {
        ok: false,
        message: error.message,
        data: { erasedPerson: { canConfirm: can(actor.role, 'customer.delete') } },
      };
    });
    if (!('customer' in created)) return created;
    const { customer } = created;
    createdId = customer.id;
    revalidatePath('/customers');
    return { ok: true, message: 'Client créé.' };
  });
  if (createdId) redirect(`/customers/${createdId}`);
  return result;
}

export async function updateCustomerAction(id: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  let done = false;
  const result = await runAction(async () => {
    const actor = await requireActionActor('customer.update');
    const customerId = parseId(id, 'Client');
    const input = pickFormFields(formData, [...FIELD_KEYS, 'updatedAt'], { clearEmpty: CLEARABLE });
    const parsed = customerUpdateSchema.safeParse(input);
    if (!parsed.success) throw AppError.validation(zodFieldErrors(parsed.error));
    await updateCustomer(getDb(), actor, customerId, parsed.data);
    revalidatePath(`/customers/${customerId}`, 'layout');
    revalidatePath('/customers');
    done = true;
    return { ok: true, message: 'Client enregistré.' };
  });
  if (done) redirect(`/customers/${parseId(id)}`);
  return result;
}

export async function toggleStatusAction(id: string, _prev: ActionState, _formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const actor = await requireActionActor('customer.status');
    const customerId = parseId(id, 'Client');
    const customer = await toggleCustomerStatus(getDb(), actor, customerId);
    revalidatePath(`/customers/${customerId}`, 'layout');
    revalidatePath('/customers');
    return {
      ok: true,
      message: customer.status === 'active' ? 'Client réactivé.' : 'Client désactivé.',
      data: { status: customer.status },
    };
  });
}

export async function archiveCustomerAction(id: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const actor = await requireActionActor('customer.update');
    const customerId = parseId(id, 'Client');
    const raw = formData.get('archived');
    if (raw !== '1' && raw !== '0') throw AppError.validation({ archived: ['Valeur attendue : 1 ou 0.'] });
    const customer = await archiveCustomer(getDb(), actor, customerId, raw === '1');
    revalidatePath(`/customers/${customerId}`, 'layout');
    revalidatePath('/customers');
    return {
      ok: true,
      message: customer.archivedAt ? 'Client archivé.' : 'Client désarchivé.',
      data: { archivedAt: customer.archivedAt },
    };
  });
}

/** GDPR erasure (admin): personal data removed, invoices and payments kept; files removed after commit. */
export async function deleteCustomerAction(id: string, _prev: ActionState, _formData: FormData): Promise<ActionState> {
  let done = false;
  const result = await runAction(async () => {
    const actor = await requireActionActor('customer.delete');
    const customerId = parseId(id, 'Client');
    await eraseCustomerWithFiles(getDb(), actor, customerId);
    revalidatePath(`/customers/${customerId}`, 'layout');
    revalidatePath('/customers');
    done = true;
    return { ok: true, message: 'Données personnelles du client effacées.' };
  });
  if (done) redirect('/customers');
  return result;
}
