import type { FormErrors } from '@/components/ui/use-form-action';
import { planFormInput } from '@/lib/interventions/form';
import { interventionCreateSchema } from '@/lib/interventions/schema';

/** The plan form's browser check (the server action's schema), loaded on first use by plan-form.tsx. */
export function validatePlanForm(formData: FormData): FormErrors | null {
  const result = interventionCreateSchema.safeParse(planFormInput(formData));
  if (result.success) return null;
  const errors: FormErrors = {};
  for (const issue of result.error.issues) (errors[issue.path.join('.') || '_'] ??= []).push(issue.message);
  return errors;
}
