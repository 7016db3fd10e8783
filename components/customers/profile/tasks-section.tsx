/**
 * « À faire » on the record (server part): open tasks by due date, the last done ones, and the quick add
 * for the roles that may add a task.
 *   <TasksSection customerId={customer.id} viewer={actor} abilities={abilities} />
 */
import { TaskQuickAdd } from '@/components/tasks/task-quick-add';
import { TaskRows } from '@/components/tasks/task-rows';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import type { Actor } from '@/lib/auth/actor';
import type { CustomerAbilities } from '@/lib/auth/permissions';
import { loadCustomerTasks } from '@/lib/tasks/page';

export async function TasksSection({
  customerId,
  viewer,
  abilities,
}: {
  customerId: string;
  viewer: Actor;
  abilities: Pick<CustomerAbilities, 'taskWrite'>;
}) {
  const { open, done, truncated, people } = await loadCustomerTasks(customerId, viewer, {
    writable: abilities.taskWrite,
  });
  const late = open.filter((t) => t.overdue).length;
  const description = open.length
    ? `${open.length}${truncated ? '+' : ''} à faire${late ? `, dont ${late} en retard` : ''}`
    : undefined;
  return (
    <Card title="À faire" description={description} id="a-faire">
      <div className="space-y-4">
        {abilities.taskWrite && (
          <TaskQuickAdd customerId={customerId} people={people} defaultAssigneeId={viewer.id} idPrefix="task-add" />
        )}
        {open.length === 0 ? (
          <EmptyState
            title="Rien à faire"
            description={abilities.taskWrite ? 'Ajoutez une tâche de suivi ci-dessus.' : undefined}
          />
        ) : (
          <TaskRows tasks={open} label="Tâches à faire" />
        )}
        {done.length > 0 && (
          <details>
            <summary className="flex min-h-11 cursor-pointer items-center text-sm font-medium text-slate-700">
              Terminées récemment ({done.length})
            </summary>
            <TaskRows tasks={done} label="Tâches terminées" />
          </details>
        )}
      </div>
    </Card>
  );
}
