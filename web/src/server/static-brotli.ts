import "server-only";
/**
 * Brotli for Next's built files. Next compresses its answers with gzip only; browsers take brotli, which is ~15%
 * smaller on JavaScript. The files under .next/static/ never change for a build (their names carry a content hash),
 * so each is compressed once, at the highest quality, in the background after start-up, and kept in memory. Until a
 * file's turn has come, and for clients that do not accept brotli, Next serves it as before (gzip).
 */
import { readdir, readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants } from "node:zlib";

const compress = promisify(brotliCompress);

const URL_PREFIX = "/_next/static/";
const TYPES: Record<string, string> = {
  ".js": "application/javascript; charset=UTF-8",
  ".css": "text/css; charset=UTF-8",
  ".json": "application/json; charset=UTF-8",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=UTF-8",
};

/** Highest quality: done once per file per process, off the request path. */
export async function brotli(content: Buffer): Promise<Buffer> {
  return compress(content, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
    },
  });
}

/** True when Accept-Encoding lists br without refusing it (q=0). */
export function acceptsBrotli(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(",") : (header ?? "");
  return value.split(",").some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(";");
    if (coding?.trim() !== "br") return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return !q || Number(q.slice(2)) > 0;
  });
}

export class StaticBrotli {
  private readonly compressed = new Map<string, Buffer>();

  /** `staticDir`: the build's .next/static folder. */
  constructor(private readonly staticDir: string) {}

  /** Compresses every compressible built file, one at a time (start-up stays responsive on a small machine). */
  async warm(): Promise<number> {
    const files = await readdir(this.staticDir, { recursive: true, withFileTypes: true }).catch(() => []);
    for (const file of files) {
      if (!file.isFile() || !(path.extname(file.name) in TYPES)) continue;
      const full = path.join(file.parentPath, file.name);
      this.compressed.set(
        path.relative(this.staticDir, full).split(path.sep).join("/"),
        await brotli(await readFile(full)),
      );
    }
    return this.compressed.size;
  }

  /** Answers the request with the brotli copy when there is one and the client takes it; false leaves it to Next. */
  serve(req: IncomingMessage, res: ServerResponse): boolean {
    if (
      (req.method !== "GET" && req.method !== "HEAD") ||
      !req.url?.startsWith(URL_PREFIX) ||
      !acceptsBrotli(req.headers["accept-encoding"])
    )
      return false;
    const key = this.keyOf(req.url);
    const body = key === null ? undefined : this.compressed.get(key);
    if (!body) return false;
    res.writeHead(200, {
      "Content-Type": TYPES[path.extname(key!)]!,
      "Content-Encoding": "br",
      "Content-Length": body.length,
      "Cache-Control": "public, max-age=31536000, immutable",
      Vary: "Accept-Encoding",
      "X-Content-Type-Options": "nosniff",
    });
    res.end(req.method === "HEAD" ? undefined : body);
    return true;
  }

  /** The file's path under .next/static/, or null for anything that is not plainly one (queries, `..`, escapes). */
  private keyOf(url: string): string | null {
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(url, "http://local").pathname);
    } catch {
      return null;
    }
    const key = pathname.slice(URL_PREFIX.length);
    if (!pathname.startsWith(URL_PREFIX) || key.split("/").some((part) => part === ".." || part === "." || part === ""))
      return null;
    return key;
  }
}
