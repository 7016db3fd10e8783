/**
 * cn(...classes): joins class names, skipping falsy values.
 *   cn('p-2', active && 'bg-blue-50', undefined) → 'p-2 bg-blue-50'
 */
export function cn(...classes: Array<string | false | null | undefined>): string {
  return classes.filter(Boolean).join(' ');
}
