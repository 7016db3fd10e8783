/**
 * Task limits the browser needs without the schema: the quick-add form sets `maxLength` from this module
 * and fetches lib/tasks/schema.ts (zod) only when it validates (lazyValidator).
 */
export { TASK_TITLE_MAX } from '@/db/schema/enums';
