'use client';

import { type ReactNode, useCallback, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { useToast } from '@/components/ui/toast';
import type { ActionState } from '@/lib/actions';

export interface EntityListSectionProps<T extends { id: string }> {
  customerId: string;
  title: string;
  items: T[];
  canEdit: boolean;
  addLabel: string;
  empty: { title: string; description: string };
  /** The add (item undefined) or edit form, closed by `onDone`. */
  form: (item: T | undefined, onDone: () => void) => ReactNode;
  /** What a row shows (its buttons come after it). */
  renderItem: (item: T) => ReactNode;
  editLabel: (item: T) => string;
  remove: {
    action: (customerId: string, id: string, state: ActionState, formData: FormData) => Promise<ActionState>;
    label: (item: T) => string;
    title: string;
    description: (item: T) => ReactNode;
  };
  classNames: { list: string; formItem: string; item: string; buttons: string };
  itemTestId?: string;
}

/**
 * A card listing a customer's rows (contacts, vehicles) with add, edit in place and delete with
 * confirmation; only one form is open at a time and the buttons exist only for those who may edit.
 */
export function EntityListSection<T extends { id: string }>({
  customerId,
  title,
  items,
  canEdit,
  addLabel,
  empty,
  form,
  renderItem,
  editLabel,
  remove,
  classNames,
  itemTestId,
}: EntityListSectionProps<T>) {
  const [editing, setEditing] = useState<string | null>(null);
  const toast = useToast();
  const close = useCallback(() => setEditing(null), []);

  return (
    <Card
      title={title}
      actions={
        canEdit && editing !== 'new' ? (
          <Button size="sm" variant="secondary" onClick={() => setEditing('new')}>
            {addLabel}
          </Button>
        ) : undefined
      }
    >
      <div className="space-y-3">
        {editing === 'new' && form(undefined, close)}
        {items.length === 0 && editing !== 'new' && <EmptyState title={empty.title} description={empty.description} />}
        {items.length > 0 && (
          <ul className={classNames.list}>
            {items.map((item) =>
              editing === item.id ? (
                <li key={item.id} className={classNames.formItem}>
                  {form(item, close)}
                </li>
              ) : (
                <li key={item.id} className={classNames.item} data-testid={itemTestId}>
                  {renderItem(item)}
                  {canEdit && (
                    <div className={classNames.buttons}>
                      <Button
                        size="sm"
                        variant="secondary"
                        onClick={() => setEditing(item.id)}
                        aria-label={editLabel(item)}
                      >
                        Modifier
                      </Button>
                      <ConfirmDialog
                        triggerLabel="Supprimer"
                        triggerSize="sm"
                        triggerVariant="ghost"
                        triggerAriaLabel={remove.label(item)}
                        title={remove.title}
                        confirmLabel="Supprimer"
                        onConfirm={async () => {
                          const result = await remove.action(
                            customerId,
                            item.id,
                            { ok: false, message: '' },
                            new FormData(),
                          );
                          toast.show(result.message, result.ok ? 'success' : 'error');
                          return result.ok;
                        }}
                      >
                        <p>{remove.description(item)}</p>
                      </ConfirmDialog>
                    </div>
                  )}
                </li>
              ),
            )}
          </ul>
        )}
      </div>
    </Card>
  );
}
