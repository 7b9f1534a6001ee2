import { auth } from "@/auth";
import { clientIp } from "../client-ip";
import { deps } from "../infra/deps";
import type { Context } from "./trpc";

export async function createContext(headers: Headers): Promise<Context> {
  const session = await auth();
  return {
    deps: deps(),
    user: session?.user ? { id: session.user.id, role: session.user.role, needsTotp: session.user.needsTotp } : null,
    ip: clientIp(headers),
  };
}
