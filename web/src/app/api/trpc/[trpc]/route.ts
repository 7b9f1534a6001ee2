import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createContext } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { AppError } from "@/server/errors";
import { errorResponse, retryAfterHeaders } from "@/server/http/error-response";
import { deps } from "@/server/infra/deps";
import { crossSiteWriteRefusal } from "@/server/security/cross-site-writes";

const handler = async (req: Request): Promise<Response> => {
  const refusal = crossSiteWriteRefusal(req.method, req.headers, deps().env.APP_URL);
  if (refusal) return errorResponse(new AppError("FORBIDDEN", refusal));
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createContext(req.headers),
    // tRPC sets the status from each error's code; a rate limit also says when to come back.
    responseMeta: ({ errors }) => ({ headers: retryAfterHeaders(errors) }),
  });
};

export { handler as GET, handler as POST };
