/**
 * The production HTTP server that npm start runs in place of `next start -p <port>`: Next's own request
 * handler behind a Node server that appends the TCP peer address to X-Forwarded-For, as a reverse proxy
 * does. `next start` keeps whatever X-Forwarded-For the client sent (it fills the header from the socket
 * only when it is missing), so the app could not tell a forged address from a real one (README "Security").
 */
import { createServer } from 'node:http';
import next from 'next';
import { closeDb } from '@/db';
import { withPeerAddress } from '@/lib/http/forwarded';
import { shutdownOnSignal } from '@/lib/shutdown';

// If npm start dies, the read end of our stdout/stderr goes with it: each write then fails with EPIPE, and the
// unhandled stream error was logged to the same pipe, failing again, forever (an orphan seen spinning at 25 %
// CPU). Those lines have nowhere to go: drop them, keep serving or draining.
for (const out of [process.stdout, process.stderr])
  out.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });

async function main() {
  const port = Number(process.argv[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error('usage: tsx lib/cli/serve.ts <port>');
  // Like `next start`, Next sets NODE_ENV=production when it is unset, before the app is loaded.
  const app = next({ dev: false, dir: process.cwd(), port });
  await app.prepare();
  const server = createServer(withPeerAddress(app.getRequestHandler()));
  server.listen(port);
  // Drain (bounded), then Next and the database handle: README "Deployment".
  shutdownOnSignal(server, { close: () => app.close().finally(closeDb) });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
