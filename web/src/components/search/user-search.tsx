"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTRPC } from "@/trpc/client";
import type { RouterOutputs } from "@/trpc/types";
import { Button } from "../ui/button";
import { EmptyState, Spinner } from "../ui/card";
import { FormAlert } from "../ui/field";
import { formErrors } from "../ui/form-errors";
import { ActionError, useFriendActions } from "../friends/use-friend-actions";
import { mutualLabel, UserRow } from "../friends/user-row";

export function UserSearch({ initialQuery }: { initialQuery: string }) {
  const trpc = useTRPC();
  const [query, setQuery] = useState(initialQuery);
  const [debounced, setDebounced] = useState(initialQuery.trim());
  useEffect(() => {
    const timer = setTimeout(() => {
      setDebounced(query.trim());
      const url = new URL(window.location.href);
      if (query.trim()) url.searchParams.set("q", query.trim());
      else url.searchParams.delete("q");
      window.history.replaceState(null, "", url);
    }, 250);
    return () => clearTimeout(timer);
  }, [query]);
  const results = useQuery({
    ...trpc.search.users.queryOptions({ query: debounced }),
    enabled: debounced.length >= 2,
    placeholderData: keepPreviousData,
  });

  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold tracking-tight">Find people</h1>
      <div role="search">
        <label htmlFor="people-search" className="sr-only">
          Search by name or username
        </label>
        <input
          id="people-search"
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder="Search by name or username"
          autoFocus
          maxLength={100}
          className="block w-full rounded-xl border border-stone-300 bg-white px-4 py-3 text-base shadow-sm focus:border-ember-500 focus:ring-2 focus:ring-ember-500/30 focus:outline-none"
        />
      </div>
      <FormAlert message={results.isError ? formErrors(results.error).form : null} />
      {debounced.length < 2 ? (
        <EmptyState title="Search for friends">Type at least two letters of a name or username.</EmptyState>
      ) : results.isPending ? (
        <Spinner label="Searching" />
      ) : results.data?.length ? (
        <ul
          className="divide-y divide-stone-100 rounded-2xl border border-stone-200 bg-white px-4 shadow-sm"
          aria-label="Search results"
          aria-busy={results.isFetching}
        >
          {results.data.map((hit) => (
            <UserRow
              key={hit.id}
              user={hit}
              detail={hit.isFriend ? "Friend" : mutualLabel(hit.mutualFriends)}
              actions={<SearchHitActions hit={hit} />}
            />
          ))}
        </ul>
      ) : results.data ? (
        <EmptyState title={`No one matches “${debounced}”`}>Check the spelling, or try part of their name.</EmptyState>
      ) : null}
    </div>
  );
}

type Hit = RouterOutputs["search"]["users"][number];

function SearchHitActions({ hit }: { hit: Hit }) {
  const { send, cancel, accept, error } = useFriendActions();
  if (hit.isFriend) return null;
  return (
    <>
      <ActionButton hit={hit} send={send} cancel={cancel} accept={accept} />
      <ActionError message={error} />
    </>
  );
}

function ActionButton({
  hit,
  send,
  cancel,
  accept,
}: { hit: Hit } & Pick<ReturnType<typeof useFriendActions>, "send" | "cancel" | "accept">) {
  if (hit.pendingRequest?.sentByMe) {
    return (
      <Button
        variant="secondary"
        onClick={() => cancel.mutate({ requestId: hit.pendingRequest!.id })}
        pending={cancel.isPending}
        aria-label={`Cancel friend request to ${hit.displayName}`}
      >
        Request sent · Cancel
      </Button>
    );
  }
  if (hit.pendingRequest) {
    return (
      <Button onClick={() => accept.mutate({ requestId: hit.pendingRequest!.id })} pending={accept.isPending}>
        Accept request
      </Button>
    );
  }
  return (
    <Button variant="secondary" onClick={() => send.mutate({ userId: hit.id })} pending={send.isPending}>
      Add friend
    </Button>
  );
}
