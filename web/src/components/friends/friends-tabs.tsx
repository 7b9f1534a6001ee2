"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type ReactNode } from "react";
import { useTRPC } from "@/trpc/client";
import { Button } from "../ui/button";
import { EmptyState, Spinner } from "../ui/card";
import { useConfirm } from "../ui/dialog";
import { FormAlert } from "../ui/field";
import { IncomingRequestActions, OutgoingRequestActions } from "./request-actions";
import { useFriendActions } from "./use-friend-actions";
import { mutualLabel, UserRow, type UserRowUser } from "./user-row";

type Tab = "friends" | "requests" | "blocked";

/** `contact`: buttons to reach a friend (Message, Call), put before Unfriend on each friend's row. */
export function FriendsTabs({
  initialTab,
  contact,
}: {
  initialTab: Tab;
  contact?: (friend: UserRowUser) => ReactNode;
}) {
  const [tab, setTab] = useState<Tab>(initialTab);
  const trpc = useTRPC();
  const requests = useQuery(trpc.friends.requests.queryOptions());
  const incoming = requests.data?.incoming.length ?? 0;
  const tabs: { id: Tab; label: string }[] = [
    { id: "friends", label: "Friends" },
    { id: "requests", label: incoming ? `Requests (${incoming})` : "Requests" },
    { id: "blocked", label: "Blocked" },
  ];
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold tracking-tight">Friends</h1>
      <div role="tablist" aria-label="Friends" className="flex gap-1 rounded-xl bg-stone-100 p-1">
        {tabs.map((t) => (
          <button
            key={t.id}
            id={`friends-tab-${t.id}`}
            role="tab"
            aria-selected={tab === t.id}
            aria-controls="friends-tabpanel"
            onClick={() => setTab(t.id)}
            className="flex-1 rounded-lg px-3 py-2 text-sm font-medium text-stone-600 aria-selected:bg-white aria-selected:text-stone-900 aria-selected:shadow-sm"
          >
            {t.label}
          </button>
        ))}
      </div>
      <div
        id="friends-tabpanel"
        role="tabpanel"
        aria-labelledby={`friends-tab-${tab}`}
        className="rounded-2xl border border-stone-200 bg-white px-4 shadow-sm sm:px-5"
      >
        {tab === "friends" ? (
          <FriendsList contact={contact} />
        ) : tab === "requests" ? (
          <RequestsList />
        ) : (
          <BlockedList />
        )}
      </div>
    </div>
  );
}

function FriendsList({ contact }: { contact?: (friend: UserRowUser) => ReactNode }) {
  const trpc = useTRPC();
  const friends = useQuery(trpc.friends.list.queryOptions());
  const { unfriend, error } = useFriendActions();
  const { confirm, confirmDialog } = useConfirm();
  if (friends.isPending) return <Spinner label="Loading friends" />;
  if (!friends.data?.friends.length) {
    return (
      <div className="py-5">
        <EmptyState title="No friends yet">
          <Link href="/search" className="text-ember-700 hover:underline">
            Search for people you know
          </Link>{" "}
          and send them a request.
        </EmptyState>
      </div>
    );
  }
  return (
    <>
      {confirmDialog}
      <FormAlert message={error} />
      <ul className="divide-y divide-stone-100" aria-label="Your friends">
        {friends.data.friends.map((friend) => (
          <UserRow
            key={friend.id}
            user={friend}
            presence
            stacked={!!contact}
            detail={mutualLabel(friend.mutualFriends)}
            actions={
              <>
                {contact?.(friend)}
                <Button
                  variant="ghost"
                  className="px-2 sm:px-3"
                  onClick={async () => {
                    const confirmed = await confirm({
                      title: `Remove ${friend.displayName} from your friends?`,
                      body: "You can send a new friend request later.",
                      confirmLabel: "Unfriend",
                      danger: true,
                    });
                    if (confirmed) unfriend.mutate({ userId: friend.id });
                  }}
                >
                  Unfriend
                </Button>
              </>
            }
          />
        ))}
      </ul>
    </>
  );
}

function RequestsList() {
  const trpc = useTRPC();
  const requests = useQuery(trpc.friends.requests.queryOptions());
  if (requests.isPending) return <Spinner label="Loading requests" />;
  const { incoming = [], outgoing = [] } = requests.data ?? {};
  return (
    <div className="space-y-4 py-4">
      <section>
        <h2 className="text-sm font-semibold text-stone-500 uppercase">Received</h2>
        {incoming.length ? (
          <ul className="divide-y divide-stone-100" aria-label="Received requests">
            {incoming.map((r) => (
              <UserRow key={r.id} user={r.user} actions={<IncomingRequestActions requestId={r.id} />} />
            ))}
          </ul>
        ) : (
          <p className="py-3 text-sm text-stone-500">No pending requests.</p>
        )}
      </section>
      <section>
        <h2 className="text-sm font-semibold text-stone-500 uppercase">Sent</h2>
        {outgoing.length ? (
          <ul className="divide-y divide-stone-100" aria-label="Sent requests">
            {outgoing.map((r) => (
              <UserRow key={r.id} user={r.user} actions={<OutgoingRequestActions requestId={r.id} />} />
            ))}
          </ul>
        ) : (
          <p className="py-3 text-sm text-stone-500">You have no requests waiting for an answer.</p>
        )}
      </section>
    </div>
  );
}

function BlockedList() {
  const trpc = useTRPC();
  const blocked = useQuery(trpc.friends.blocked.queryOptions());
  const { unblock, error } = useFriendActions();
  if (blocked.isPending) return <Spinner label="Loading" />;
  if (!blocked.data?.length) {
    return (
      <div className="py-5">
        <EmptyState title="You haven't blocked anyone">
          People you block cannot find you, see your profile or send you requests.
        </EmptyState>
      </div>
    );
  }
  return (
    <>
      <FormAlert message={error} />
      <ul className="divide-y divide-stone-100" aria-label="Blocked people">
        {blocked.data.map((user) => (
          <li key={user.id} className="flex items-center justify-between gap-3 py-3">
            <span className="min-w-0 truncate">
              <span className="font-medium">{user.displayName}</span>{" "}
              <span className="text-sm text-stone-500">@{user.username}</span>
            </span>
            <Button variant="secondary" onClick={() => unblock.mutate({ userId: user.id })} pending={unblock.isPending}>
              Unblock
            </Button>
          </li>
        ))}
      </ul>
    </>
  );
}
