import 'server-only';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { getDb } from '@/db';
import type { Role } from '@/db/schema/auth';
import { authSecret } from '@/lib/env';
import { clientIp } from '@/lib/http/client-ip';
import { verifyLogin } from './login';

class InvalidLogin extends CredentialsSignin {
  code = 'invalid';
}
class RateLimitedLogin extends CredentialsSignin {
  code = 'rate_limited';
}

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60; // one working day

// Lazy configuration: nothing (secret file, database) is touched when `next build` imports this.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/login' },
  logger: {
    // A wrong password is an expected outcome (shown to the user, counted by the rate limiter), not a server error.
    error(error: Error) {
      if (error.name === 'CredentialsSignin' || (error as { type?: string }).type === 'CredentialsSignin') return;
      console.error('[auth]', error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { type: 'email' }, password: { type: 'password' } },
      async authorize(credentials, request) {
        const result = await verifyLogin(getDb(), credentials, clientIp(request.headers));
        if (result.ok)
          return { id: result.user.id, email: result.user.email, name: result.user.name, role: result.user.role };
        throw result.reason === 'rate_limited' ? new RateLimitedLogin() : new InvalidLogin();
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = (user as { role: Role }).role;
      }
      return token;
    },
    session({ session, token }) {
      const u = session.user as unknown as Record<string, unknown>;
      u.id = token.uid;
      u.role = token.role;
      return session;
    },
  },
}));
