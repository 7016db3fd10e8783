/**
 * The customer form's browser-side check (the server action's own schema and cross-field rules),
 * in its own module so that zod and libphonenumber are fetched when the form is first used rather
 * than with the page: see loadCustomerFormValidator in customer-form.tsx.
 */
import { zodValidator } from '@/components/ui/use-form-action';
import { customerCreateSchema, customerFields, customerRuleIssues } from '@/lib/customers/schema';

// Validate only the entity's fields (hidden helpers such as updatedAt are the server's business).
export const validateCustomerForm = zodValidator(customerCreateSchema, {
  pick: Object.keys(customerFields),
  rules: (values) => customerRuleIssues(values as Parameters<typeof customerRuleIssues>[0]),
});
