/**
 * What `npm start` checks and says before it builds, migrates or serves anything: the whole of
 * lib/env.ts evaluated as the production server will read it, the mode line, and how to create
 * the first administrator when the demo is off (README "Security": demo data and first start).
 */
import { createServer } from 'node:net';
import { DEFAULT_DEMO_PASSWORD, parseEnv, readEnvVars, type Env } from '@/lib/env';

/**
 * The server npm start runs is a production server (Next sets NODE_ENV=production when unset), so
 * the rules that depend on NODE_ENV are evaluated with that value here, in the start command,
 * rather than later in the server where a failure only shows as a failing health check.
 */
export function checkStartEnv(raw?: Record<string, string | undefined>): Env {
  const vars = readEnvVars(raw);
  vars.NODE_ENV ??= 'production';
  return parseEnv(vars);
}

export function startModeLine(config: Env): string {
  const database = config.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'base embarquée (PGlite)';
  const password =
    config.DEMO_PASSWORD === DEFAULT_DEMO_PASSWORD ? 'mot de passe de démonstration documenté' : 'DEMO_PASSWORD';
  const demo = config.DEMO ? `données de démonstration activées (${password})` : 'données de démonstration désactivées';
  return `Mode : ${database}, ${demo}`;
}

/** Without the demo, an empty database has no account at all: say how to create the first one. */
export function firstAdminHint(config: Env, users: number): string | null {
  if (config.DEMO || users > 0) return null;
  return [
    'Aucun utilisateur : créez le premier administrateur avec',
    '  npm run user -- --email admin@exemple.fr --name "Prénom Nom" --role admin',
  ].join('\n');
}

/**
 * Whether nothing listens on `port` yet (probed on all interfaces, as lib/cli/serve.ts listens). Checked
 * before anything is built or opened: with another server on the port, the health check would be answered
 * by that one and npm start would announce « prêt » for an application that is not ours.
 */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .once('listening', () => probe.close(() => resolve(true)))
      .listen(port);
  });
}

export function portTakenMessage(port: number): string {
  return `Le port ${port} est déjà utilisé : un autre serveur (peut-être un Customer 360 déjà lancé) y répond. Arrêtez-le ou choisissez un autre port (PORT=…).`;
}
