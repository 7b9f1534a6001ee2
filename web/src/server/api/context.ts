import { getToken } from "next-auth/jwt";
import { auth } from "@/auth";
import { clientIp } from "../client-ip";
import { deps } from "../infra/deps";
import { liveSessionUser } from "../services/accounts/session-revocation";
import type { Context } from "./trpc";

export async function createContext(headers: Headers): Promise<Context> {
  const session = await auth();
  const d = deps();
  return {
    deps: d,
    user: session?.user ? { id: session.user.id, role: session.user.role, needsTotp: session.user.needsTotp } : null,
    ip: clientIp(headers),
    // Read again from the cookie this request came with (its sid, version and sign-in time) each time it is asked.
    sessionAlive: async () => {
      const token = await getToken({ req: { headers }, secret: d.env.AUTH_SECRET, secureCookie: d.env.APP_URL.startsWith("https://") });
      return !!token && (await liveSessionUser(d, token)) !== null;
    },
  };
}
