'use client';
/**
 * Task rows with their checkbox (complete / reopen, a 44 px target): the record's « À faire » block and
 * « Mes tâches ». The box is disabled for someone who may not tick this task (lib/auth/permissions.ts).
 */
import Link from 'next/link';
import { startTransition, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { formatDate } from '@/components/ui/format';
import { useToast } from '@/components/ui/toast';
import { initialActionState } from '@/lib/action-state';
import { updateTaskAction } from '@/lib/tasks/actions';
import type { TaskView } from '@/lib/tasks/schema';

type Row = TaskView & { customerName?: string; customerNumber?: string };

function TaskRow({ task, showCustomer }: { task: Row; showCustomer: boolean }) {
  const toast = useToast();
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState(task.done);

  function toggle(next: boolean) {
    setPending(true);
    setDone(next);
    startTransition(async () => {
      const fd = new FormData();
      fd.set('completed', String(next));
      const r = await updateTaskAction(task.customerId, task.id, initialActionState, fd);
      toast.show(r.ok ? (next ? 'Tâche terminée.' : 'Tâche rouverte.') : r.message, r.ok ? 'success' : 'error');
      if (!r.ok) setDone(!next);
      setPending(false);
    });
  }

  const boxId = `task-${task.id}`;
  return (
    <li className="flex items-start gap-2 rounded-md border border-slate-200 px-2 py-1" data-testid="task-row">
      <label htmlFor={boxId} className="flex min-h-11 min-w-11 shrink-0 cursor-pointer items-center justify-center">
        <input
          id={boxId}
          type="checkbox"
          className="size-5 rounded border-slate-400 accent-blue-700"
          checked={done}
          disabled={!task.canManage || pending}
          onChange={(e) => toggle(e.target.checked)}
          aria-label={`${done ? 'Rouvrir' : 'Terminer'} : ${task.title}`}
        />
      </label>
      <div className="min-w-0 flex-1 py-2">
        <p className={done ? 'text-sm break-words text-slate-500 line-through' : 'text-sm break-words text-slate-900'}>
          {task.title}
        </p>
        <p className="mt-0.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600">
          {task.overdue && !done && <Badge tone="danger">En retard</Badge>}
          {task.dueDate && <span>Échéance {formatDate(task.dueDate)}</span>}
          <span>{task.assigneeName ? `Assignée à ${task.assigneeName}` : 'Non assignée'}</span>
          {task.interventionId && (
            <Link href={`/customers/${task.customerId}/interventions/${task.interventionId}`}>Intervention</Link>
          )}
          {showCustomer && task.customerName && (
            <Link href={`/customers/${task.customerId}`} className="font-medium">
              {task.customerName} ({task.customerNumber})
            </Link>
          )}
        </p>
      </div>
    </li>
  );
}

export function TaskRows({
  tasks,
  showCustomer = false,
  label,
}: {
  tasks: Row[];
  showCustomer?: boolean;
  label: string;
}) {
  return (
    <ul className="space-y-2" aria-label={label}>
      {tasks.map((t) => (
        <TaskRow key={`${t.id}:${t.done}`} task={t} showCustomer={showCustomer} />
      ))}
    </ul>
  );
}
