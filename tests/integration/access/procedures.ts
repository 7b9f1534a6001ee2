import type { AnyProcedure } from "@trpc/server";
import { appRouter } from "@/server/api/root";

export interface ProcedureInfo {
  path: string;
  type: "query" | "mutation" | "subscription";
  procedure: AnyProcedure;
}

/** Every procedure of the real router, walked (tRPC keeps them flat by dotted path in `_def.procedures`). */
export function allProcedures(): ProcedureInfo[] {
  const flat = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;
  return Object.entries(flat).map(([path, procedure]) => ({ path, type: procedure._def.type, procedure }));
}

/** Calls a procedure by its dotted path on a caller from createCaller (as the typed proxy would). */
export function callByPath(caller: object, path: string, input: unknown): Promise<unknown> {
  const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  return (fn as (input: unknown) => Promise<unknown>)(input);
}
