import { encode } from "next-auth/jwt";
import type { WorkStore } from "next/dist/server/app-render/work-async-storage.external";
import type { RequestStore } from "next/dist/server/app-render/work-unit-async-storage.external";
import { nextSessionToken } from "@/server/services/accounts/session-token";
import { testDeps } from "./deps";

/** Auth.js's session cookie name over http (APP_URL in tests); https would prefix it with __Secure-. */
const SESSION_COOKIE = "authjs.session-token";

/**
 * A real Auth.js session cookie for `userId`, made the way a password sign-in makes it (Hearth's jwt callback,
 * then Auth.js's encryption with AUTH_SECRET): the route's own `auth()` decodes and re-checks it.
 */
export async function sessionCookie(userId: string): Promise<string> {
  const deps = testDeps();
  const { sessionVersion } = await deps.db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { sessionVersion: true },
  });
  const token = await nextSessionToken(deps, {}, { user: { id: userId, sessionVersion } });
  if (!token) throw new Error(`no session for ${userId}`);
  const value = await encode({
    token: token as Record<string, unknown>,
    secret: deps.env.AUTH_SECRET,
    salt: SESSION_COOKIE,
  });
  return `${SESSION_COOKIE}=${value}`;
}

/** Next's request-scoped storage (real only with the global AsyncLocalStorage next-runtime.ts installs). */
async function requestStorage() {
  const [{ workAsyncStorage }, { workUnitAsyncStorage }] = await Promise.all([
    import("next/dist/server/app-render/work-async-storage.external"),
    import("next/dist/server/app-render/work-unit-async-storage.external"),
  ]);
  return { workAsyncStorage, workUnitAsyncStorage };
}

/** The headers the app's own browser client sends with every tRPC request (same-origin). */
export const browserTrpcHeaders = (): Record<string, string> => ({ origin: new URL(testDeps().env.APP_URL).origin });

type RouteHandler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

export interface RouteRequestInit {
  cookie?: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * Calls a Next.js route handler the way Next serves it: a Request, its params, and Next's per-request store, which
 * is where `headers()` (and so Auth.js's `auth()`) reads the caller's cookie. Test double: the store holds only
 * what those two read, not everything a full Next request would.
 */
export async function callRoute<P>(
  handler: RouteHandler<P>,
  path: string,
  params: P,
  init: RouteRequestInit = {},
): Promise<Response> {
  const { workAsyncStorage, workUnitAsyncStorage } = await requestStorage();
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set("cookie", init.cookie);
  const request = new Request(new URL(path, testDeps().env.APP_URL), {
    method: init.method ?? "GET",
    headers,
    body: init.body,
  });
  const url = new URL(request.url);
  const workStore = {
    route: path,
    forceStatic: false,
    dynamicShouldError: false,
    isStaticGeneration: false,
  } as unknown as WorkStore;
  const requestStore = {
    type: "request",
    phase: "action",
    headers: request.headers,
    url: { pathname: url.pathname, search: url.search },
  } as unknown as RequestStore;
  return workAsyncStorage.run(workStore, () =>
    workUnitAsyncStorage.run(requestStore, () => handler(request, { params: Promise.resolve(params) })),
  );
}
