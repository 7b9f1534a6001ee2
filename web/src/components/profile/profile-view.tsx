"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/trpc/client";
import type { RouterOutputs } from "@/trpc/types";
import { Avatar } from "../ui/avatar";
import { Button } from "../ui/button";
import { Card, Spinner } from "../ui/card";
import { useConfirm } from "../ui/dialog";
import { EmptyState } from "../ui/empty-state";
import { BlockIcon, MessageIcon, MoreIcon, UserIcon, UserMinusIcon, UserPlusIcon } from "../ui/icons";
import { MenuButton, type MenuItem } from "../ui/menu";
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
      <div className="mx-auto max-w-3xl">
        <EmptyState
          icon={<UserIcon />}
          title="This profile isn't available"
          action={
            <Link href="/search" className="font-medium text-ember-700 underline-offset-2 hover:underline">
              Search for people
            </Link>
          }
        >
          The link may be broken, or the account is not visible to you.
        </EmptyState>
      </div>
    );
  }
  const p = profile.data;
  const mutual = mutualLabel(p.mutualFriends);
  // Presence is shared between friends only.
  const friendId = p.friendStatus === "friends" ? p.id : null;
  return (
    <Card className="mx-auto max-w-3xl">
      <div className="flex flex-col items-center gap-4 text-center sm:flex-row sm:items-start sm:text-left">
        <WithPresence userId={friendId} size={96} showOffline>
          <Avatar name={p.displayName} url={p.avatarUrl} seed={p.id} size={96} />
        </WithPresence>
        <div className="min-w-0 flex-1">
          <h1 className="text-2xl font-semibold tracking-tight text-balance break-words">{p.displayName}</h1>
          <p className="text-stone-500">@{p.username}</p>
          <PresenceText
            userId={friendId}
            className="mt-1 flex justify-center text-sm font-medium text-stone-600 sm:justify-start"
          />
          <p className="mt-1 text-sm text-stone-500">
            {[
              p.friendCount !== null ? (p.friendCount === 1 ? "1 friend" : `${p.friendCount} friends`) : null,
              mutual,
              p.joinedAt
                ? `Joined ${p.joinedAt.toLocaleDateString(undefined, { month: "long", year: "numeric" })}`
                : null,
            ]
              .filter(Boolean)
              .join(" · ")}
          </p>
          <ProfileActions profile={p} />
        </div>
      </div>
      {p.restricted ? (
        <p className="mt-5 rounded-lg bg-stone-100 px-3 py-2 text-sm text-stone-600">
          {p.displayName} shares their profile only with some people.
        </p>
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
  const { confirm, confirmDialog } = useConfirm();
  const openChat = useMutation(
    trpc.chat.openDirect.mutationOptions({
      onSuccess: ({ conversationId }) => router.push(`/messages/${conversationId}`),
    }),
  );
  const canMessage = profile.friendStatus === "friends" || !profile.restricted;
  if (profile.friendStatus === "self") {
    return (
      <Link
        href="/settings/profile"
        className="inline-flex rounded-lg border border-stone-300 bg-white px-4 py-2 text-sm font-medium shadow-sm hover:bg-stone-100"
      >
        Edit profile
      </Link>
    );
  }
  const unfriend = async () => {
    if (
      await confirm({
        title: `Remove ${profile.displayName} from your friends?`,
        body: "You can send a new friend request later.",
        confirmLabel: "Unfriend",
        danger: true,
      })
    ) {
      actions.unfriend.mutate({ userId: profile.id });
    }
  };
  const block = async () => {
    const confirmed = await confirm({
      title: `Block ${profile.displayName}?`,
      body: "You will not see each other anywhere on Hearth, and any friendship or request between you ends.",
      confirmLabel: "Block",
      danger: true,
    });
    if (confirmed)
      actions.block.mutate({ userId: profile.id }, { onSuccess: () => router.push("/friends?tab=blocked") });
  };
  // No "Report" yet: Hearth has no reporting feature on the server.
  const menu: MenuItem[] = [
    ...(profile.friendStatus === "friends"
      ? [{ label: "Unfriend", icon: <UserMinusIcon />, onSelect: () => void unfriend() }]
      : []),
    { label: "Block", icon: <BlockIcon />, danger: true, onSelect: () => void block() },
  ];
  return (
    <div className="mt-4 space-y-2">
      <div className="flex flex-wrap items-center justify-center gap-2 sm:justify-start">
        {canMessage ? (
          <Button
            onClick={() => openChat.mutate({ userId: profile.id })}
            pending={openChat.isPending || openChat.isSuccess}
          >
            <MessageIcon size={16} strokeWidth={2} />
            Message
          </Button>
        ) : null}
        {profile.friendStatus === "friends" ? (
          <>
            <StartCallButton user={profile} variant="button" />
            <span className="inline-flex items-center rounded-lg bg-green-50 px-3 py-2 text-sm font-medium text-green-800">
              ✓ Friends
            </span>
          </>
        ) : profile.friendStatus === "request-sent" ? (
          <Button
            variant="secondary"
            onClick={() => actions.cancel.mutate({ requestId: profile.requestId! })}
            pending={actions.cancel.isPending}
          >
            Cancel request
          </Button>
        ) : profile.friendStatus === "request-received" ? (
          <>
            <Button
              onClick={() => actions.accept.mutate({ requestId: profile.requestId! })}
              pending={actions.accept.isPending}
            >
              Accept request
            </Button>
            <Button
              variant="secondary"
              onClick={() => actions.decline.mutate({ requestId: profile.requestId! })}
              pending={actions.decline.isPending}
            >
              Decline
            </Button>
          </>
        ) : profile.canSendRequest ? (
          <Button
            variant="secondary"
            onClick={() => actions.send.mutate({ userId: profile.id })}
            pending={actions.send.isPending}
          >
            <UserPlusIcon size={16} strokeWidth={2} />
            Add friend
          </Button>
        ) : (
          <span className="text-sm text-stone-500">Not accepting friend requests</span>
        )}
        <MenuButton
          label="More actions"
          items={menu}
          buttonClassName="inline-flex size-10 items-center justify-center rounded-lg border border-stone-300 bg-white text-stone-700 shadow-sm hover:bg-stone-100 aria-expanded:bg-stone-100"
        >
          <MoreIcon />
        </MenuButton>
      </div>
      <FormAlert message={actions.error ?? (openChat.isError ? formErrors(openChat.error).form : null)} />
      {confirmDialog}
    </div>
  );
}
