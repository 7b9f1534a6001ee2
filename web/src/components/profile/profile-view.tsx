"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/trpc/client";
import type { RouterOutputs } from "@/trpc/types";
import { Avatar } from "../ui/avatar";
import { Button } from "../ui/button";
import { Card, EmptyState, Spinner } from "../ui/card";
import { FormAlert } from "../ui/field";
import { formErrors } from "../ui/form-errors";
import { useFriendActions } from "../friends/use-friend-actions";
import { mutualLabel } from "../friends/user-row";
import { PresenceText, WithPresence } from "../presence/presence";
import { StartCallButton } from "../calls/call-button";
import { ProfileRoomCard } from "../rooms/profile-room-card";

export function ProfileView({ username }: { username: string }) {
  const trpc = useTRPC();
  const profile = useQuery(trpc.profile.byUsername.queryOptions({ username }));
  if (profile.isPending) return <Spinner label="Loading profile" />;
  if (profile.isError) {
    return (
      <EmptyState title="This profile isn't available">
        The link may be broken, or the account is not visible to you. <Link href="/search" className="text-ember-700 hover:underline">Search for people</Link>
      </EmptyState>
    );
  }
  const p = profile.data;
  const mutual = mutualLabel(p.mutualFriends);
  // Presence is shared between friends only.
  const friendId = p.friendStatus === "friends" ? p.id : null;
  return (
    <Card>
      <div className="flex flex-col items-center gap-4 text-center sm:flex-row sm:items-start sm:text-left">
        <WithPresence userId={friendId} size={96} showOffline>
          <Avatar name={p.displayName} url={p.avatarUrl} seed={p.id} size={96} />
        </WithPresence>
        <div className="min-w-0 flex-1">
          <h1 className="truncate text-2xl font-semibold tracking-tight">{p.displayName}</h1>
          <p className="text-stone-500">@{p.username}</p>
          <PresenceText userId={friendId} className="mt-1 flex justify-center text-sm font-medium text-stone-600 sm:justify-start" />
          <p className="mt-1 text-sm text-stone-500">
            {[p.friendCount !== null ? (p.friendCount === 1 ? "1 friend" : `${p.friendCount} friends`) : null, mutual, p.joinedAt ? `Joined ${p.joinedAt.toLocaleDateString(undefined, { month: "long", year: "numeric" })}` : null]
              .filter(Boolean)
              .join(" · ")}
          </p>
        </div>
        <ProfileActions profile={p} />
      </div>
      {p.restricted ? (
        <p className="mt-5 rounded-lg bg-stone-100 px-3 py-2 text-sm text-stone-600">{p.displayName} shares their profile only with some people.</p>
      ) : p.bio ? (
        <p className="mt-5 whitespace-pre-line text-stone-700">{p.bio}</p>
      ) : null}
      <ProfileRoomCard userId={p.id} displayName={p.displayName} isSelf={p.friendStatus === "self"} />
    </Card>
  );
}

type Profile = RouterOutputs["profile"]["byUsername"];

function ProfileActions({ profile }: { profile: Profile }) {
  const actions = useFriendActions();
  const router = useRouter();
  const trpc = useTRPC();
  const openChat = useMutation(trpc.chat.openDirect.mutationOptions({ onSuccess: ({ conversationId }) => router.push(`/messages/${conversationId}`) }));
  const canMessage = profile.friendStatus === "friends" || !profile.restricted;
  const block = () => {
    if (confirm(`Block ${profile.displayName}? You will not see each other anywhere on Hearth, and any friendship or request between you ends.`)) {
      actions.block.mutate({ userId: profile.id }, { onSuccess: () => router.push("/friends?tab=blocked") });
    }
  };
  if (profile.friendStatus === "self") {
    return (
      <Link href="/settings/profile" className="rounded-lg border border-stone-300 bg-white px-4 py-2 text-sm font-medium shadow-sm hover:bg-stone-100">
        Edit profile
      </Link>
    );
  }
  return (
    <div className="flex flex-col items-stretch gap-2">
      <div className="flex flex-wrap justify-center gap-2">
        {canMessage ? (
          <Button onClick={() => openChat.mutate({ userId: profile.id })} pending={openChat.isPending || openChat.isSuccess}>
            Message
          </Button>
        ) : null}
        {profile.friendStatus === "friends" ? (
          <>
            <StartCallButton user={profile} variant="button" />
            <span className="inline-flex items-center rounded-lg bg-green-50 px-3 py-2 text-sm font-medium text-green-800">✓ Friends</span>
            <Button variant="secondary" onClick={() => confirm(`Remove ${profile.displayName} from your friends?`) && actions.unfriend.mutate({ userId: profile.id })} pending={actions.unfriend.isPending}>
              Unfriend
            </Button>
          </>
        ) : profile.friendStatus === "request-sent" ? (
          <Button variant="secondary" onClick={() => actions.cancel.mutate({ requestId: profile.requestId! })} pending={actions.cancel.isPending}>
            Cancel request
          </Button>
        ) : profile.friendStatus === "request-received" ? (
          <>
            <Button onClick={() => actions.accept.mutate({ requestId: profile.requestId! })} pending={actions.accept.isPending}>
              Accept request
            </Button>
            <Button variant="secondary" onClick={() => actions.decline.mutate({ requestId: profile.requestId! })} pending={actions.decline.isPending}>
              Decline
            </Button>
          </>
        ) : profile.canSendRequest ? (
          <Button onClick={() => actions.send.mutate({ userId: profile.id })} pending={actions.send.isPending}>
            Add friend
          </Button>
        ) : (
          <span className="text-sm text-stone-500">Not accepting friend requests</span>
        )}
        <Button variant="danger" onClick={block} pending={actions.block.isPending}>
          Block
        </Button>
      </div>
      <FormAlert message={actions.error ?? (openChat.isError ? formErrors(openChat.error).form : null)} />
    </div>
  );
}
