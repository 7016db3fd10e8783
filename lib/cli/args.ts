/** A user mistake on the command line: printed as one line, exit code 1, no stack. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

/**
 * Tiny flag parser for the CLIs: `--name value`, `--name=value`, boolean `--flag` / `--no-flag`.
 * Validation (types, ranges, messages) is left to a zod schema at the call site.
 */
export function parseFlags(
  argv: readonly string[],
  opts: { booleans?: readonly string[] } = {},
): Record<string, string | boolean> {
  const booleans = new Set(opts.booleans ?? []);
  const out: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new CliError(`Argument inattendu : ${arg}`);
    const [rawKey, inline] = arg.slice(2).split(/=(.*)/s, 2);
    const key = rawKey.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    if (booleans.has(key.replace(/^no([A-Z])/, (_, c: string) => c.toLowerCase())) && inline === undefined) {
      if (key.startsWith('no') && booleans.has(key[2].toLowerCase() + key.slice(3)))
        out[key[2].toLowerCase() + key.slice(3)] = false;
      else out[key] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new CliError(`Valeur manquante pour --${rawKey}`);
    out[key] = value;
  }
  return out;
}
