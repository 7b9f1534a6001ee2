import "server-only";
import {
  dehydrate,
  HydrationBoundary,
  QueryClient,
  type FetchQueryOptions,
  type QueryKey,
} from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { cache, type ReactNode } from "react";
import superjson from "superjson";
import { createContext } from "@/server/api/context";
import { appRouter } from "@/server/api/root";

/**
 * Queries a server component runs before the page is sent, so the client components that ask for the same data render
 * it in the first paint instead of appearing later and pushing the page down (layout shift). Server-only: it runs the
 * router in-process, with this request's session. One query client per request (React's cache()).
 */
const queryClientOfRequest = cache(
  () =>
    new QueryClient({
      defaultOptions: { queries: { staleTime: 15_000 }, dehydrate: { serializeData: superjson.serialize } },
    }),
);

export const serverTRPC = createTRPCOptionsProxy({
  router: appRouter,
  ctx: async () => createContext(await headers()),
  queryClient: queryClientOfRequest,
});

/** Runs a query now (on the server) for the client components below a `<HydrateClient>`; failures are left to the client. */
export async function prefetch<TData, TError, TKey extends QueryKey>(
  options: FetchQueryOptions<TData, TError, TData, TKey>,
): Promise<void> {
  await queryClientOfRequest().prefetchQuery(options);
}

/** Hands what was prefetched on the server to the client's query cache. */
export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(queryClientOfRequest())}>{children}</HydrationBoundary>;
}
