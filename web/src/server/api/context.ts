import "server-only";
import { getToken, type JWT } from "next-auth/jwt";
import { auth } from "@/auth";
import { clientIp } from "../client-ip";
import { deps } from "../infra/deps";
import { liveSessionUser } from "../services/accounts/session-revocation";
import type { Context } from "./trpc";

export async function createContext(headers: Headers): Promise<Context> {
  const session = await auth();
  const d = deps();
  let sessionToken: Promise<JWT | null> | undefined;
  return {
    deps: d,
    user: session?.user ? { id: session.user.id, role: session.user.role, needsTotp: session.user.needsTotp } : null,
    ip: clientIp(headers),
    // The session this request came with (its id, version and sign-in time), checked again each time it is asked.
    sessionAlive: async () => {
      sessionToken ??= getToken({
        req: { headers },
        secret: d.env.AUTH_SECRET,
        secureCookie: d.env.APP_URL.startsWith("https://"),
      });
      const token = await sessionToken;
      return !!token && (await liveSessionUser(d, token)) !== null;
    },
  };
}
