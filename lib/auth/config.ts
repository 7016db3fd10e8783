import 'server-only';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import type { Provider } from 'next-auth/providers';
import { headers } from 'next/headers';
import { getDb } from '@/db';
import type { Role } from '@/db/schema/auth';
import { authSecret, oidcConfig } from '@/lib/env';
import { clientIp } from '@/lib/http/client-ip';
import { verifyLogin } from './login';
import { resolveSsoUser, type SsoIdentity } from './oidc';
import { checkSessionVersionProof } from './session-version';

class InvalidLogin extends CredentialsSignin {
  code = 'invalid';
}
class RateLimitedLogin extends CredentialsSignin {
  code = 'rate_limited';
}

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60; // one working day
export const OIDC_PROVIDER_ID = 'oidc';

/** The claims of an ID token that oauth4webapi has already validated (signature, issuer, audience, nonce). */
function idTokenClaims(idToken: unknown): Record<string, unknown> {
  if (typeof idToken !== 'string') return {};
  try {
    return JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
  } catch {
    return {};
  }
}

/** Entra ID, Google Workspace, Keycloak…: any OpenID Connect provider, when OIDC_* are set (README "Single sign-on"). */
function oidcProvider(): Provider[] {
  const config = oidcConfig();
  if (!config) return [];
  return [
    {
      id: OIDC_PROVIDER_ID,
      name: config.name,
      type: 'oidc',
      issuer: config.issuer,
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      checks: ['pkce', 'state', 'nonce'],
      authorization: { params: { scope: 'openid email profile' } },
      // Userinfo as well as the ID token: some providers put e-mail and name only in one of them.
      idToken: false,
      profile(profile: Record<string, unknown>, tokens: { id_token?: unknown }) {
        const claims = { ...idTokenClaims(tokens.id_token), ...profile };
        const sso: SsoIdentity = {
          issuer: config.issuer,
          sub: String(claims.sub),
          email:
            typeof claims.email === 'string'
              ? claims.email
              : typeof claims.preferred_username === 'string' && claims.preferred_username.includes('@')
                ? claims.preferred_username
                : null,
          emailVerified: typeof claims.email_verified === 'boolean' ? claims.email_verified : null,
          name: typeof claims.name === 'string' ? claims.name : null,
          claims,
        };
        return { id: sso.sub, email: sso.email, name: sso.name, sso };
      },
    },
  ];
}

// Lazy configuration: nothing (secret file, database) is touched when `next build` imports this.
export const { handlers, auth, signIn, signOut, unstable_update } = NextAuth(() => {
  return {
    secret: authSecret(),
    trustHost: true,
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: '/login', error: '/login' },
    logger: {
      // A wrong password is an expected outcome (shown to the user, counted by the rate limiter), not a server error.
      error(error: Error) {
        if (error.name === 'CredentialsSignin' || (error as { type?: string }).type === 'CredentialsSignin') return;
        if ((error as { type?: string }).type === 'AccessDenied') return;
        console.error('[auth]', error);
      },
    },
    providers: [
      Credentials({
        credentials: { email: { type: 'email' }, password: { type: 'password' } },
        async authorize(credentials, request) {
          const result = await verifyLogin(getDb(), credentials, clientIp(request.headers));
          if (result.ok) {
            const { id, email, name, role, sessionVersion } = result.user;
            return { id, email, name, role, sv: sessionVersion };
          }
          throw result.reason === 'rate_limited' ? new RateLimitedLogin() : new InvalidLogin();
        },
      }),
      ...oidcProvider(),
    ],
    callbacks: {
      /** SSO: only accounts the app knows (or auto-creation when configured); the user becomes that account. */
      async signIn({ user: profileUser, account }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        const user = profileUser as unknown as Record<string, unknown>;
        const config = oidcConfig();
        const identity = user.sso as SsoIdentity | undefined;
        if (!config || !identity) return false;
        const ip = clientIp(await headers());
        const result = await resolveSsoUser(getDb(), identity, config, ip);
        if (!result.ok) return `/login?error=sso_${result.reason}`;
        // The same object reaches the jwt callback below: the session is the app's account, not the provider's.
        Object.assign(user, {
          id: result.user.id,
          email: result.user.email,
          name: result.user.name,
          role: result.user.role,
          sv: result.user.sessionVersion,
        });
        delete user.sso;
        return true;
      },
      jwt({ token, user, trigger, session }) {
        if (user) {
          token.uid = user.id;
          token.role = (user as { role: Role }).role;
          token.sv = (user as { sv?: number }).sv ?? 0;
        }
        // Only the server can bring a session to a new version (it signs the proof, see session-version.ts).
        if (trigger === 'update' && typeof token.uid === 'string') {
          const s = session as { sv?: unknown; proof?: unknown } | undefined;
          if (checkSessionVersionProof(token.uid, s?.sv, s?.proof)) token.sv = s!.sv as number;
        }
        return token;
      },
      session({ session, token }) {
        const u = session.user as unknown as Record<string, unknown>;
        u.id = token.uid;
        u.role = token.role;
        u.sv = token.sv;
        return session;
      },
    },
  };
});
