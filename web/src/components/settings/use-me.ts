"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/client";

export function useMe() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.account.me.queryOptions());
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.account.me.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.profile.pathKey() }),
    ]);
  return { me, refresh };
}
