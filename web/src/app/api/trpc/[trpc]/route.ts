import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createContext } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { deps } from "@/server/infra/deps";
import { crossSiteWriteRefusal } from "@/server/security/cross-site-writes";

const handler = async (req: Request): Promise<Response> => {
  const refusal = crossSiteWriteRefusal(req.method, req.headers, deps().env.APP_URL);
  if (refusal) return Response.json({ error: { message: refusal, code: "FORBIDDEN" } }, { status: 403 });
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createContext(req.headers),
  });
};

export { handler as GET, handler as POST };
