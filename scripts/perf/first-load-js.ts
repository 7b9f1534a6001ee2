/**
 * First-load JavaScript per route, read from a production build (web/.next): the scripts a browser must download
 * before a page of that route works, which is Next's shared runtime (build-manifest rootMainFiles) plus the chunks
 * of the route's layouts and page (the route's client reference manifest, entryJSFiles). Sizes are as served to
 * browsers: brotli (web/server.ts serves the built files precompressed, static-brotli.ts) and gzip (Next's own).
 *
 *   node --import tsx scripts/perf/first-load-js.ts      prints the table (after `next build web`)
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { brotli } from "../../web/src/server/static-brotli";

export const BUILD_DIR = path.resolve(import.meta.dirname, "../../web/.next");

export interface RouteWeight {
  route: string;
  files: string[];
  raw: number;
  gzip: number;
  brotli: number;
}

interface ClientReferenceManifest {
  entryJSFiles: Record<string, string[]>;
}

const readJson = async <T>(file: string): Promise<T> => JSON.parse(await readFile(file, "utf8")) as T;

/** The app's page entries ("/(app)/messages/page") by route ("/messages"). */
export async function pageEntries(buildDir = BUILD_DIR): Promise<Map<string, string>> {
  const routes = await readJson<Record<string, string>>(path.join(buildDir, "app-path-routes-manifest.json"));
  return new Map(
    Object.entries(routes)
      .filter(([entry]) => entry.endsWith("/page"))
      .map(([entry, route]) => [route, entry]),
  );
}

/** The manifest is a script that assigns to globalThis.__RSC_MANIFEST[entry]; it is run against a stand-in global. */
async function clientReferenceManifest(buildDir: string, entry: string): Promise<ClientReferenceManifest> {
  const source = await readFile(path.join(buildDir, "server", "app", `${entry}_client-reference-manifest.js`), "utf8");
  const sandbox: { __RSC_MANIFEST?: Record<string, ClientReferenceManifest> } = {};
  new Function("globalThis", source)(sandbox);
  const manifest = sandbox.__RSC_MANIFEST?.[entry];
  if (!manifest) throw new Error(`no client reference manifest for ${entry}`);
  return manifest;
}

/** The route's own layouts and page: "[project]/web/src/app/(app)/messages/page" belongs to "/(app)/messages/page". */
function belongsTo(entry: string, key: string): boolean {
  const segment = key.match(/\/web\/src\/app(\/.*)?\/(layout|page)$/);
  if (!segment) return false;
  const folder = segment[1] ?? "";
  const pageFolder = entry.slice(0, -"/page".length);
  return segment[2] === "page" ? folder === pageFolder : pageFolder === folder || pageFolder.startsWith(`${folder}/`);
}

const sizes = new Map<string, Promise<{ raw: number; gzip: number; brotli: number }>>();
function sizeOf(buildDir: string, file: string) {
  const full = path.join(buildDir, file);
  let size = sizes.get(full);
  if (!size) {
    size = readFile(full).then(async (content) => ({
      raw: content.length,
      gzip: gzipSync(content, { level: 9 }).length,
      brotli: (await brotli(content)).length,
    }));
    sizes.set(full, size);
  }
  return size;
}

export async function firstLoadFiles(route: string, buildDir = BUILD_DIR): Promise<string[]> {
  const entry = (await pageEntries(buildDir)).get(route);
  if (!entry) throw new Error(`no page for ${route} in the build`);
  const build = await readJson<{ rootMainFiles: string[] }>(path.join(buildDir, "build-manifest.json"));
  const manifest = await clientReferenceManifest(buildDir, entry);
  const files = new Set(build.rootMainFiles);
  for (const [key, chunks] of Object.entries(manifest.entryJSFiles))
    if (belongsTo(entry, key)) for (const chunk of chunks) files.add(chunk);
  return [...files];
}

export async function routeWeight(route: string, buildDir = BUILD_DIR): Promise<RouteWeight> {
  const files = await firstLoadFiles(route, buildDir);
  const weight: RouteWeight = { route, files, raw: 0, gzip: 0, brotli: 0 };
  for (const file of files) {
    const size = await sizeOf(buildDir, file);
    weight.raw += size.raw;
    weight.gzip += size.gzip;
    weight.brotli += size.brotli;
  }
  return weight;
}

export const kB = (bytes: number) => Math.round((bytes / 1000) * 10) / 10;

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(
    `${"route".padEnd(30)} ${"files".padStart(5)} ${"raw kB".padStart(8)} ${"gzip kB".padStart(8)} ${"br kB".padStart(8)}`,
  );
  for (const route of [...(await pageEntries()).keys()].sort()) {
    const w = await routeWeight(route);
    console.log(
      `${route.padEnd(30)} ${String(w.files.length).padStart(5)} ${String(kB(w.raw)).padStart(8)} ${String(kB(w.gzip)).padStart(8)} ${String(kB(w.brotli)).padStart(8)}`,
    );
  }
}
