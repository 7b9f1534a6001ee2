import { spawn, type ChildProcess } from "node:child_process";
import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { EventSource } from "eventsource";
import superjson from "superjson";
import type { AppRouter } from "@/server/api/root";

/** Starts tests/helpers/api-server.ts as its own process; resolves with its base URL once it listens. */
export async function startApiServer(): Promise<{ url: string; process: ChildProcess; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/helpers/api-server.ts"], {
    env: { ...process.env, PORT: "0" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`api server exited with ${code}`)));
    child.stdout!.on("data", (chunk: Buffer) => {
      const match = /listening (\d+)/.exec(chunk.toString());
      if (match) resolve(Number(match[1]));
    });
  });
  return {
    url: `http://127.0.0.1:${port}/api/trpc`,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** A tRPC client for one user against one server process, with subscriptions over SSE like the browser's. */
export function apiClient(url: string, userId: string) {
  const headers = { "x-test-user-id": userId };
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({
          url,
          transformer: superjson,
          EventSource,
          eventSourceOptions: {
            fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, ...headers } }),
          },
        }),
        false: httpLink({ url, transformer: superjson, headers }),
      }),
    ],
  });
}
