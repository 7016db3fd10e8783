import type { Server } from 'node:http';
import Provider from 'oidc-provider';

/**
 * A real OpenID Connect provider on loopback (the `oidc-provider` package with its development login
 * pages: any login is accepted, and becomes both the subject and the e-mail). Every person it signs in
 * claims to be in the `c360-admins` group, so a test can check the app does not take roles from it.
 */
export async function startOidcProvider(port: number, client: { id: string; secret: string; redirectUri: string }) {
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.id,
        client_secret: client.secret,
        redirect_uris: [client.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
    pkce: { required: () => true },
    cookies: { keys: ['e2e-only-cookie-key'] },
    async findAccount(_ctx, id) {
      return {
        accountId: id,
        async claims() {
          return { sub: id, email: id, email_verified: true, name: `SSO ${id.split('@')[0]}`, groups: ['c360-admins'] };
        },
      };
    },
  });
  // A refused grant says why (redirect_uri, PKCE, expiry…) in the test output.
  provider.on('grant.error', (_ctx: unknown, error: { error_detail?: string; message: string }) =>
    console.error('[oidc-provider] grant refused:', error.error_detail ?? error.message),
  );
  const server: Server = await new Promise((resolve) => {
    const s = provider.listen(port, '127.0.0.1', () => resolve(s));
  });
  return { issuer, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
