import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliDecompressSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptsBrotli, StaticBrotli } from "./static-brotli";

// A stand-in build folder and a real HTTP server: what StaticBrotli does not answer, "Next" (here a 299) does.
const root = mkdtempSync(path.join(tmpdir(), "static-brotli-"));
const staticDir = path.join(root, "static");
const script = `console.log(${JSON.stringify("hearth ".repeat(500))});`;
mkdirSync(path.join(staticDir, "chunks"), { recursive: true });
writeFileSync(path.join(staticDir, "chunks", "app.js"), script);
writeFileSync(path.join(staticDir, "chunks", "font.woff2"), "not compressible");
writeFileSync(path.join(root, "secret.js"), "secret");

let server: Server;
let base: string;
beforeAll(async () => {
  const brotli = new StaticBrotli(staticDir);
  expect(await brotli.warm()).toBe(1);
  server = createServer((req, res) => {
    if (!brotli.serve(req, res)) res.writeHead(299).end("next");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function get(
  pathname: string,
  acceptEncoding?: string,
  method = "GET",
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${pathname}`,
      { method, headers: acceptEncoding ? { "accept-encoding": acceptEncoding } : {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

describe("StaticBrotli", () => {
  it("answers a built script with its brotli copy, cached for good", async () => {
    const res = await get("/_next/static/chunks/app.js", "gzip, deflate, br, zstd");
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.headers["content-type"]).toBe("application/javascript; charset=UTF-8");
    expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(res.headers.vary).toBe("Accept-Encoding");
    expect(brotliDecompressSync(res.body).toString()).toBe(script);
    expect(res.body.length).toBeLessThan(script.length / 10);
  });

  it("a HEAD gets the headers and no body", async () => {
    const res = await get("/_next/static/chunks/app.js", "br", "HEAD");
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.body.length).toBe(0);
  });

  it("leaves to Next clients without brotli, files it did not compress, other paths and escapes from the folder", async () => {
    for (const [pathname, encoding] of [
      ["/_next/static/chunks/app.js", "gzip"],
      ["/_next/static/chunks/app.js", "br;q=0, gzip"],
      ["/_next/static/chunks/app.js", undefined],
      ["/_next/static/chunks/font.woff2", "br"],
      ["/_next/static/chunks/missing.js", "br"],
      ["/_next/static/../secret.js", "br"],
      ["/_next/static/chunks/..%2F..%2Fsecret.js", "br"],
      ["/sign-in", "br"],
    ] as const) {
      const res = await get(pathname, encoding);
      expect({ pathname, encoding, status: res.status, body: res.body.toString() }).toEqual({
        pathname,
        encoding,
        status: 299,
        body: "next",
      });
    }
  });
});

describe("acceptsBrotli", () => {
  it("reads Accept-Encoding lists and q-values", () => {
    expect(acceptsBrotli("gzip, deflate, br")).toBe(true);
    expect(acceptsBrotli("BR;q=0.5")).toBe(true);
    expect(acceptsBrotli("br;q=0")).toBe(false);
    expect(acceptsBrotli("gzip, brotli")).toBe(false);
    expect(acceptsBrotli(undefined)).toBe(false);
  });
});
