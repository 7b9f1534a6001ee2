import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What Next's server sets up before loading any of its modules (next/dist/server/node-environment-baseline.js):
 * a global AsyncLocalStorage, from which its request-scoped stores (headers(), cookies()) are made. Without it
 * they are inert fakes, and route handlers called by tests (route-request.ts) could not read their session.
 */
const scope = globalThis as { AsyncLocalStorage?: typeof AsyncLocalStorage };
scope.AsyncLocalStorage ??= AsyncLocalStorage;
