/**
 * Lighthouse (mobile preset: a mid-range phone on a slow 4G link, simulated) against a production build served by
 * web/server.ts, on the sign-in page, home and a conversation thread. Not part of the test suite: it prints the
 * scores and the metrics behind them for the README's table. Needs `next build web` first and the local stack.
 *
 *   node --import tsx bench/lighthouse.ts [--runs N]      (the median run per page by performance score; default 1)
 *
 * Runs on the browser journeys' database and Redis db (E2E_PORT / E2E_DATABASE / E2E_REDIS_DB, see
 * tests/e2e/e2e-env.ts), which it resets first, as the journeys do.
 */
import { execFileSync, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { encode } from "next-auth/jwt";
import { createDeps } from "../web/src/server/infra/deps";
import { parseEnv } from "../web/src/server/infra/env";
import { E2E_PORT, e2eEnv } from "../tests/e2e/e2e-env";
import { sleep } from "./lib";

const root = path.resolve(import.meta.dirname, "..");
const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Math.max(1, Number(process.argv[runsArg + 1])) : 1;
const env = e2eEnv() as NodeJS.ProcessEnv;
const base = `http://localhost:${E2E_PORT}`;
const SESSION_COOKIE = "authjs.session-token";

async function startServer() {
  execFileSync("node", ["--import", "tsx", "scripts/db/migrate.ts", "reset"], { cwd: root, env, stdio: "inherit" });
  const server = spawn("node", ["--import", "tsx", "web/server.ts", "-p", String(E2E_PORT)], {
    cwd: root,
    env,
    stdio: ["ignore", "inherit", "inherit"],
  });
  for (let i = 0; i < 120; i++) {
    if ((await fetch(`${base}/sign-in`).catch(() => null))?.ok) return server;
    await sleep(500);
  }
  server.kill();
  throw new Error("the server did not start");
}

/** Two friends with a 40-message conversation; a session cookie for the first. */
async function seed() {
  const deps = createDeps(parseEnv(env));
  const tag = randomUUID().slice(0, 8);
  const [ada, ben] = await Promise.all(
    ["Ada", "Ben"].map((name) =>
      deps.db.user.create({
        data: {
          email: `lh_${name}_${tag}@bench.test`,
          username: `lh_${name}_${tag}`,
          usernameKey: `lh_${name}_${tag}`.toLowerCase(),
          displayName: `${name} Lovelace`,
          emailVerifiedAt: new Date(),
        },
      }),
    ),
  );
  await deps.db.friendship.createMany({
    data: [
      { userId: ada!.id, friendId: ben!.id },
      { userId: ben!.id, friendId: ada!.id },
    ],
  });
  const count = 40;
  const conversation = await deps.db.conversation.create({
    data: {
      kind: "DIRECT",
      directKey: [ada!.id, ben!.id].sort().join(":"),
      lastSeq: count,
      members: { create: [{ userId: ada!.id, lastReadSeq: count }, { userId: ben!.id }] },
    },
  });
  await deps.db.message.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      conversationId: conversation.id,
      seq: i + 1,
      senderId: i % 2 ? ada!.id : ben!.id,
      body:
        i % 5 === 0
          ? `Message ${i + 1}: a longer one, to wrap onto a second line on a phone screen like real chat does.`
          : `Message ${i + 1}`,
      createdAt: new Date(Date.now() - (count - i) * 60_000),
    })),
  });
  await deps.db.$disconnect();
  deps.redis.disconnect();
  const token = await encode({
    token: { sub: ada!.id, uid: ada!.id, sv: 0, sid: randomUUID(), since: Date.now() },
    secret: env.AUTH_SECRET!,
    salt: SESSION_COOKIE,
    maxAge: 3600,
  });
  return { cookie: `${SESSION_COOKIE}=${token}`, threadPath: `/messages/${conversation.id}` };
}

interface Result {
  page: string;
  performance: number;
  accessibility: number;
  bestPractices: number;
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  si: number;
  /** Lighthouse's measure of this machine's CPU (a mid-range desktop is ~1000-2000): low means the times are inflated. */
  benchmarkIndex: number;
  /** Accessibility and best-practice audits that failed, to fix. */
  failing: string[];
}

async function audit(port: number, page: string, url: string, cookie?: string): Promise<Result> {
  const runner = await lighthouse(url, {
    port,
    output: "json",
    logLevel: "error",
    onlyCategories: ["performance", "accessibility", "best-practices"],
    ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
  });
  const lhr = runner!.lhr;
  if (lhr.runtimeError) throw new Error(`${page}: ${lhr.runtimeError.message}`);
  const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
  const metric = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
  return {
    page,
    performance: score("performance"),
    accessibility: score("accessibility"),
    bestPractices: score("best-practices"),
    fcp: metric("first-contentful-paint"),
    lcp: metric("largest-contentful-paint"),
    tbt: metric("total-blocking-time"),
    cls: metric("cumulative-layout-shift"),
    si: metric("speed-index"),
    benchmarkIndex: Math.round(lhr.environment.benchmarkIndex),
    failing: ["accessibility", "best-practices"].flatMap((id) =>
      (lhr.categories[id]?.auditRefs ?? [])
        .filter((ref) => ref.weight > 0 && lhr.audits[ref.id]?.score === 0)
        .map((ref) => ref.id),
    ),
  };
}

const server = await startServer();
let chrome: chromeLauncher.LaunchedChrome | undefined;
try {
  const { cookie, threadPath } = await seed();
  chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    chromeFlags: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  const pages: [string, string, string?][] = [
    ["sign-in", `${base}/sign-in`],
    ["home", `${base}/`, cookie],
    ["thread", `${base}${threadPath}`, cookie],
  ];
  // Warm-up: the first request of a fresh server compiles nothing, but it does fill the brotli copies.
  for (const [, url, c] of pages) await fetch(url, { headers: c ? { cookie: c } : {} });
  await sleep(5_000);
  const results: Result[] = [];
  for (const [name, url, c] of pages) {
    const runs: Result[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await audit(chrome.port, name, url, c));
    runs.sort((a, b) => a.performance - b.performance);
    results.push(runs[Math.floor(runs.length / 2)]!);
  }
  console.log(`\nLighthouse 12.2.3, mobile preset, ${RUNS} run(s) per page (median by performance)\n`);
  console.log("| Page | Performance | Accessibility | Best practices | FCP | LCP | TBT | CLS | Speed index |");
  console.log("|---|---|---|---|---|---|---|---|---|");
  for (const r of results) {
    console.log(
      `| ${r.page} | ${r.performance} | ${r.accessibility} | ${r.bestPractices} | ${(r.fcp / 1000).toFixed(1)} s | ${(r.lcp / 1000).toFixed(1)} s | ${Math.round(r.tbt)} ms | ${r.cls.toFixed(3)} | ${(r.si / 1000).toFixed(1)} s |`,
    );
  }
  for (const r of results)
    console.log(
      `${r.page}: CPU benchmark index ${r.benchmarkIndex}; failing audits: ${r.failing.join(", ") || "none"}`,
    );
} finally {
  await chrome?.kill();
  server.kill();
}
process.exit(0);
