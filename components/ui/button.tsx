/**
 * Button and link-styled-as-button. Works in server and client components.
 *   <Button variant="primary|secondary|danger|ghost" size="md|sm" type="button" onClick={…}>Texte</Button>
 *   <Link href="/x" className={buttonClasses('secondary')}>Texte</Link>
 * Every size keeps a ≥ 44 px touch target (min-h-11); `sm` only tightens padding and text.
 * Default type is "button" (pass type="submit" explicitly, or use <SubmitButton> for pending state).
 */
import type { ComponentProps } from 'react';
import { cn } from './cn';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';
export type ButtonSize = 'md' | 'sm';

const VARIANTS: Record<ButtonVariant, string> = {
  primary: 'bg-blue-700 text-white hover:bg-blue-800 border border-blue-700',
  secondary: 'bg-white text-slate-900 border border-slate-300 hover:bg-slate-50',
  danger: 'bg-red-700 text-white hover:bg-red-800 border border-red-700',
  ghost: 'bg-transparent text-slate-700 border border-transparent hover:bg-slate-100',
};

const SIZES: Record<ButtonSize, string> = {
  md: 'px-4 text-sm',
  sm: 'px-3 text-sm',
};

export function buttonClasses(variant: ButtonVariant = 'primary', size: ButtonSize = 'md', extra?: string): string {
  return cn(
    'inline-flex min-h-11 min-w-11 items-center justify-center gap-2 rounded-md font-medium whitespace-nowrap transition-colors',
    'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600',
    'disabled:cursor-not-allowed disabled:opacity-60 aria-disabled:cursor-not-allowed aria-disabled:opacity-60',
    VARIANTS[variant],
    SIZES[size],
    extra,
  );
}

/** All <button> props (including `ref`, React 19) plus variant and size. */
export interface ButtonProps extends ComponentProps<'button'> {
  variant?: ButtonVariant;
  size?: ButtonSize;
}

export function Button({ variant = 'primary', size = 'md', className, type = 'button', ...props }: ButtonProps) {
  return <button type={type} className={buttonClasses(variant, size, className)} {...props} />;
}
