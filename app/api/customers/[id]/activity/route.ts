import { POST as createActivity } from '../activities/route';

// SPEC §3: POST /activity is an alias of POST /activities (same handler, same rules).
export const POST = createActivity;
