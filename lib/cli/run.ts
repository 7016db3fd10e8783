import { EnvError } from '@/lib/env';
import { CliError } from './args';

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * Runs a CLI's main and exits 1 on failure: a user mistake (CliError, a missing or invalid variable,
 * or one of the `expected` classes) is printed as its one-line message, anything else with its stack.
 */
export function runCli(main: () => Promise<void>, expected: readonly ErrorClass[] = []): void {
  main().catch((error: unknown) => {
    const known = [CliError, EnvError, ...expected].some((E) => error instanceof E);
    console.error(known ? (error as Error).message : error);
    process.exit(1);
  });
}
