// Hearth's production web server: Next.js behind a plain Node HTTP server that decides, before Next sees a request,
// which address it came from. `next start` keeps whatever X-Forwarded-For a client sends (it only fills the header
// in when it is missing), so per-IP rate limits keyed on it could be dodged with a forged header. Here the header is
// replaced by the one address the socket and the trusted proxies (TRUSTED_PROXIES) vouch for.
//
//   node --import tsx web/server.ts [-p PORT] [-H HOST]      (PORT / HOSTNAME from the environment otherwise)
//
// Only request headers are touched; everything else is Next's own handler (SSE and route handlers included), except
// built files for browsers that take brotli: those come precompressed from here (static-brotli.ts).
import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import { parseTrustedProxies, resolveClientAddress } from "./src/server/client-address";
import { EnvError, parseEnv } from "./src/server/infra/env";
import { StaticBrotli } from "./src/server/static-brotli";

function option(flags: string[], fallback: string): string {
  const args = process.argv.slice(2);
  const at = args.findIndex((arg) => flags.includes(arg));
  return at >= 0 && args[at + 1] ? args[at + 1]! : fallback;
}

const port = Number(option(["-p", "--port"], process.env.PORT ?? "3000"));
const hostname = option(["-H", "--hostname"], process.env.HOSTNAME ?? "localhost");
// This serves a production build, as `next start` does; and in production the whole environment is checked before
// anything listens (published development secrets, an http:// APP_URL... stop it here, each one named).
(process.env as Record<string, string | undefined>).NODE_ENV ??= "production";
try {
  parseEnv(process.env);
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  console.error(`Hearth cannot start.\n${error.message}`);
  process.exit(1);
}
const trusted = parseTrustedProxies(process.env.TRUSTED_PROXIES);

const dir = path.dirname(new URL(import.meta.url).pathname);
const app = next({ dir, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();
const staticBrotli = new StaticBrotli(path.join(dir, ".next", "static"));
void staticBrotli
  .warm()
  .catch((error: unknown) => console.error("Brotli copies of the built files failed; serving gzip", error));

createServer((req, res) => {
  req.headers["x-forwarded-for"] = resolveClientAddress(
    req.socket.remoteAddress,
    req.headers["x-forwarded-for"],
    trusted,
  );
  delete req.headers["x-real-ip"];
  if (staticBrotli.serve(req, res)) return;
  void handle(req, res);
}).listen(port, hostname, () => {
  console.log(`Hearth web listening on http://${hostname}:${port}`);
});
