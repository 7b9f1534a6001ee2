import { readdirSync } from "node:fs";
import path from "node:path";

const API_DIR = path.resolve(import.meta.dirname, "../../../web/src/app/api");
export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export type RouteHandler = (
  request: Request,
  context: { params: Promise<Record<string, string | string[]>> },
) => Promise<Response>;

export interface RouteInfo {
  /** "GET /api/avatars/[userId]" */
  key: string;
  method: string;
  /** "/api/avatars/[userId]" */
  pattern: string;
  handler: RouteHandler;
}

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? routeFiles(full) : entry.name === "route.ts" ? [full] : [];
  });
}

/** Every route handler under web/src/app/api: each route.ts, loaded, and each HTTP method it exports. */
export async function allRoutes(): Promise<RouteInfo[]> {
  const routes: RouteInfo[] = [];
  for (const file of routeFiles(API_DIR).sort()) {
    const pattern = `/api/${path.relative(API_DIR, path.dirname(file)).split(path.sep).join("/")}`;
    const module = (await import(file)) as Record<string, unknown>;
    for (const method of HTTP_METHODS) {
      if (typeof module[method] === "function")
        routes.push({ key: `${method} ${pattern}`, method, pattern, handler: module[method] as RouteHandler });
    }
  }
  return routes;
}

/** A concrete path and params for a route pattern: every [segment] becomes `value` ([...rest] two segments). */
export function fillRoute(pattern: string, value: string): { path: string; params: Record<string, string | string[]> } {
  const params: Record<string, string | string[]> = {};
  const filled = pattern.replace(/\[(\.\.\.)?([^\]]+)\]/g, (_m, rest: string | undefined, name: string) => {
    params[name] = rest ? [value, value] : value;
    return rest ? `${value}/${value}` : value;
  });
  return { path: filled, params };
}
