import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import type { Provider } from "next-auth/providers";
import { clientIp } from "./server/client-ip";
import { AppError } from "./server/errors";
import { deps } from "./server/infra/deps";
import { authUrlFromAppUrl, env } from "./server/infra/env";
import { authenticate } from "./server/services/accounts/authenticate";
import { getToken } from "next-auth/jwt";
import { completeOAuthSecondFactor } from "./server/services/accounts/oauth-two-factor";
import { revokeSession } from "./server/services/accounts/session-revocation";
import { nextSessionToken } from "./server/services/accounts/session-token";

declare module "next-auth" {
  interface Session {
    user: {
      id: string;
      role: "USER" | "ADMIN";
      needsTotp: boolean;
      name?: string | null;
      email?: string | null;
      image?: string | null;
    };
    /** Signed in with a provider, but the account's second factor is still owed (no user until it is given). */
    pendingSecondFactor?: boolean;
  }
  interface User {
    role?: "USER" | "ADMIN";
    sessionVersion?: number;
  }
}

/** Sign-in failures carry a code the sign-in form turns into a message (never whether the account exists). */
class SignInFailed extends CredentialsSignin {
  constructor(code: string) {
    super(code);
    this.code = code;
  }
}

function providers(): Provider[] {
  const config = env();
  const list: Provider[] = [
    Credentials({
      id: "credentials",
      credentials: { email: {}, password: {}, secondFactor: {} },
      async authorize(credentials, request) {
        const email = typeof credentials.email === "string" ? credentials.email : "";
        const password = typeof credentials.password === "string" ? credentials.password : "";
        const secondFactor =
          typeof credentials.secondFactor === "string" && credentials.secondFactor
            ? credentials.secondFactor
            : undefined;
        if (!email || !password || password.length > 256 || email.length > 254)
          throw new SignInFailed("invalid-credentials");
        try {
          const result = await authenticate(
            deps(),
            { email, password, secondFactor },
            { ip: clientIp(request.headers) },
          );
          if (!result.ok) throw new SignInFailed(result.reason);
          return { id: result.user.id, role: result.user.role, sessionVersion: result.user.sessionVersion };
        } catch (error) {
          if (error instanceof AppError && error.code === "TOO_MANY_REQUESTS")
            throw new SignInFailed(`rate-limited:${error.retryAt ?? 0}`);
          throw error;
        }
      },
    }),
    // The code owed after an OAuth sign-in of an account with 2FA: the pending step is read from the session cookie.
    Credentials({
      id: "oauth-second-factor",
      credentials: { code: {} },
      async authorize(credentials, request) {
        const code = typeof credentials.code === "string" ? credentials.code : "";
        if (!code || code.length > 64) throw new SignInFailed("invalid-second-factor");
        const token = await getToken({
          req: request,
          secret: config.AUTH_SECRET,
          secureCookie: config.APP_URL.startsWith("https://"),
        });
        try {
          const result = await completeOAuthSecondFactor(deps(), token?.pending, code, {
            ip: clientIp(request.headers),
          });
          if (!result.ok)
            throw new SignInFailed(result.reason === "expired" ? "second-factor-expired" : "invalid-second-factor");
          return { id: result.user.id, role: result.user.role, sessionVersion: result.user.sessionVersion };
        } catch (error) {
          if (error instanceof AppError && error.code === "TOO_MANY_REQUESTS")
            throw new SignInFailed(`rate-limited:${error.retryAt ?? 0}`);
          throw error;
        }
      },
    }),
  ];
  if (config.AUTH_GITHUB_ID && config.AUTH_GITHUB_SECRET)
    list.push(GitHub({ clientId: config.AUTH_GITHUB_ID, clientSecret: config.AUTH_GITHUB_SECRET }));
  if (config.AUTH_GOOGLE_ID && config.AUTH_GOOGLE_SECRET)
    list.push(Google({ clientId: config.AUTH_GOOGLE_ID, clientSecret: config.AUTH_GOOGLE_SECRET }));
  if (config.AUTH_OIDC_ISSUER && config.AUTH_OIDC_ID && config.AUTH_OIDC_SECRET) {
    list.push({
      id: "oidc",
      name: config.AUTH_OIDC_NAME ?? "Single sign-on",
      type: "oidc",
      issuer: config.AUTH_OIDC_ISSUER,
      clientId: config.AUTH_OIDC_ID,
      clientSecret: config.AUTH_OIDC_SECRET,
    });
  }
  return list;
}

/** The OAuth providers switched on by the environment, for the sign-in page's buttons. */
export const oauthProviders = () =>
  providers()
    .map((p) => (typeof p === "function" ? p() : p))
    .filter((p) => p.type !== "credentials")
    .map((p) => ({ id: p.id, name: p.name }));

const buildConfig = (): NextAuthConfig => {
  authUrlFromAppUrl(process.env, env().APP_URL);
  return buildAuthConfig();
};

const buildAuthConfig = (): NextAuthConfig => ({
  providers: providers(),
  secret: env().AUTH_SECRET,
  trustHost: env().AUTH_TRUST_HOST === "true",
  session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
  events: {
    // Signing out ends this session on the server too (its id on the deny list), not just its cookie in this browser.
    async signOut(message) {
      if ("token" in message && message.token) await revokeSession(deps(), message.token);
    },
  },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  logger: {
    // A wrong password is an expected outcome, already audited; don't log it as a server error.
    error(error) {
      if (error.name !== "CredentialsSignin") console.error("[auth]", error);
    },
  },
  callbacks: {
    async jwt({ token, user, account, profile }) {
      const oauth =
        account && account.type !== "credentials" && profile
          ? {
              provider: account.provider,
              providerAccountId: account.providerAccountId,
              email: typeof profile.email === "string" ? profile.email : null,
              emailVerified: account.provider === "github" ? true : profile.email_verified === true,
              name: typeof profile.name === "string" ? profile.name : null,
              login:
                typeof profile.login === "string"
                  ? profile.login
                  : typeof profile.preferred_username === "string"
                    ? profile.preferred_username
                    : null,
            }
          : undefined;
      const next = await nextSessionToken(deps(), token, {
        oauth,
        user: !oauth && user?.id ? { id: user.id, sessionVersion: user.sessionVersion } : undefined,
      });
      return next as typeof token | null;
    },
    session({ session, token }) {
      session.user = token.user as typeof session.user;
      session.pendingSecondFactor = token.pending !== undefined;
      return session;
    },
  },
});

// Lazy: the environment is read on first use, not when `next build` imports this module.
export const { handlers, auth, signIn, signOut } = NextAuth(() => buildConfig());
