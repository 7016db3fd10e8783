/**
 * « Ajouter une tâche » folded under a disclosure (the timeline): the quick add without taking the room of
 * the history. Works before JavaScript has loaded (native <details>).
 *   <TaskAddPanel customerId={id} viewerId={actor.id} />
 */
import { Card } from '@/components/ui/card';
import { loadTaskAssignees } from '@/lib/tasks/page';
import { TaskQuickAdd } from './task-quick-add';

export async function TaskAddPanel({ customerId, viewerId }: { customerId: string; viewerId: string | null }) {
  const people = await loadTaskAssignees();
  return (
    <Card>
      <details>
        <summary className="flex min-h-11 cursor-pointer items-center text-sm font-medium text-blue-800">
          Ajouter une tâche
        </summary>
        <div className="pt-2">
          <TaskQuickAdd customerId={customerId} people={people} defaultAssigneeId={viewerId} idPrefix="timeline-task" />
        </div>
      </details>
    </Card>
  );
}
