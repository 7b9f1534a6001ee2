"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent, type ReactNode } from "react";
import { useTRPC } from "@/trpc/client";
import { Avatar } from "../ui/avatar";
import { Button } from "../ui/button";
import { Dialog, useConfirm } from "../ui/dialog";
import { Spinner } from "../ui/card";
import { FormAlert, TextField } from "../ui/field";
import { formErrors } from "../ui/form-errors";
import { FriendPicker, usePickedIds } from "@/components/friends/friend-picker";
import { GroupPhoto } from "./group-photo";
import { useChatCache } from "./chat-cache";
import { useMyId } from "@/components/ui/use-my-id";
import type { Conversation } from "./types";

/** The group's admins. */
export const adminIdsOf = (c: Conversation): Set<string> =>
  new Set(c.members.filter((m) => m.role === "ADMIN").map((m) => m.id));

/** The "Group info" dialog: members (with admin controls for admins), add people, rename, leave. */
export function GroupDetailsDialog({ conversation: c, onClose }: { conversation: Conversation; onClose: () => void }) {
  const meId = useMyId();
  const admins = adminIdsOf(c);
  const amAdmin = admins.has(meId);
  const members = c.members.toSorted((a, b) => {
    if (a.id === meId || b.id === meId) return a.id === meId ? -1 : 1;
    const aAdmin = admins.has(a.id) ? 0 : 1;
    const bAdmin = admins.has(b.id) ? 0 : 1;
    return aAdmin - bAdmin || a.displayName.localeCompare(b.displayName);
  });

  return (
    <Dialog title="Group info" onClose={onClose} showClose>
      <div className="min-h-0 flex-1 space-y-5 overflow-y-auto border-t border-stone-100 px-5 py-4">
        <GroupPhoto conversation={c} canChange={amAdmin} />
        <GroupName conversation={c} canRename={amAdmin} />
        <MembersSection conversation={c} members={members} admins={admins} amAdmin={amAdmin} />
      </div>
      <div className="border-t border-stone-100 px-5 py-3">
        <LeaveGroup conversation={c} />
      </div>
    </Dialog>
  );
}

function Section({ title, action, children }: { title: string; action?: ReactNode; children: ReactNode }) {
  return (
    <section className="space-y-2">
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-sm font-medium text-stone-700">{title}</h3>
        {action}
      </div>
      {children}
    </section>
  );
}

function GroupName({ conversation: c, canRename }: { conversation: Conversation; canRename: boolean }) {
  const trpc = useTRPC();
  const cache = useChatCache(useMyId());
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(c.title);
  const rename = useMutation(
    trpc.chat.rename.mutationOptions({
      onSuccess: (_, input) => {
        setEditing(false);
        cache.conversationChanged(input.conversationId);
      },
    }),
  );
  const errors = formErrors(rename.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    rename.mutate({ conversationId: c.id, name });
  };

  if (editing) {
    return (
      <form onSubmit={submit} className="space-y-2" aria-label="Rename group">
        <TextField
          label="Group name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={80}
          autoFocus
          error={errors.fields.name ?? errors.form ?? undefined}
        />
        <div className="flex justify-end gap-2">
          <Button
            type="button"
            variant="ghost"
            onClick={() => {
              setEditing(false);
              rename.reset();
            }}
          >
            Cancel
          </Button>
          <Button type="submit" pending={rename.isPending}>
            Save
          </Button>
        </div>
      </form>
    );
  }
  return (
    <div className="flex items-center gap-3">
      <p className="min-w-0 flex-1 truncate text-base font-semibold text-stone-900">{c.title}</p>
      {canRename ? (
        <Button
          variant="secondary"
          className="px-3 py-1.5"
          onClick={() => {
            setName(c.title);
            setEditing(true);
          }}
        >
          Rename
        </Button>
      ) : null}
    </div>
  );
}

function MembersSection({
  conversation: c,
  members,
  admins,
  amAdmin,
}: {
  conversation: Conversation;
  members: Conversation["members"];
  admins: Set<string>;
  amAdmin: boolean;
}) {
  const trpc = useTRPC();
  const meId = useMyId();
  const cache = useChatCache(meId);
  const [adding, setAdding] = useState(false);
  const remove = useMutation(
    trpc.chat.removeMember.mutationOptions({
      onSuccess: (_, input) => cache.conversationChanged(input.conversationId),
    }),
  );
  const { confirm, confirmDialog } = useConfirm();
  const confirmRemove = async (member: Conversation["members"][number]) => {
    if (
      await confirm({ title: `Remove ${member.displayName} from “${c.title}”?`, confirmLabel: "Remove", danger: true })
    )
      remove.mutate({ conversationId: c.id, userId: member.id });
  };

  return (
    <>
      <Section
        title={`${c.members.length} members`}
        action={
          adding ? null : (
            <Button variant="secondary" className="px-3 py-1.5" onClick={() => setAdding(true)}>
              Add people
            </Button>
          )
        }
      >
        {adding ? <AddPeople conversation={c} onDone={() => setAdding(false)} /> : null}
        <FormAlert message={formErrors(remove.error).form} />
        <ul aria-label="Members" className="divide-y divide-stone-100">
          {members.map((m) => {
            const me = m.id === meId;
            return (
              <li key={m.id} className="flex items-center gap-3 py-2">
                <Avatar name={m.displayName} url={m.avatarUrl} seed={m.id} size={36} />
                <span className="min-w-0 flex-1">
                  <span className="flex min-w-0 items-center gap-2">
                    <span className="truncate font-medium text-stone-900">{me ? "You" : m.displayName}</span>
                    {admins.has(m.id) ? (
                      <span className="shrink-0 rounded-full bg-ember-50 px-2 py-0.5 text-[11px] font-semibold text-ember-700">
                        Admin
                      </span>
                    ) : null}
                  </span>
                  <span className="block truncate text-xs text-stone-500">@{m.username}</span>
                </span>
                {amAdmin && !me ? (
                  <Button
                    variant="danger"
                    className="shrink-0 px-3 py-1 text-xs"
                    aria-label={`Remove ${m.displayName}`}
                    pending={remove.isPending && remove.variables?.userId === m.id}
                    onClick={() => confirmRemove(m)}
                  >
                    Remove
                  </Button>
                ) : null}
              </li>
            );
          })}
        </ul>
      </Section>
      {confirmDialog}
    </>
  );
}

/** The caller's friends who are not members yet, to pick from. */
function AddPeople({ conversation: c, onDone }: { conversation: Conversation; onDone: () => void }) {
  const trpc = useTRPC();
  const cache = useChatCache(useMyId());
  const friends = useQuery(trpc.friends.list.queryOptions());
  const { picked, toggle } = usePickedIds();
  const add = useMutation(
    trpc.chat.addMembers.mutationOptions({
      onSuccess: (_, input) => {
        cache.conversationChanged(input.conversationId);
        onDone();
      },
    }),
  );
  const errors = formErrors(add.error);
  const memberIds = new Set(c.members.map((m) => m.id));
  const candidates = friends.data?.friends.filter((f) => !memberIds.has(f.id)) ?? [];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({ conversationId: c.id, userIds: [...picked] });
  };

  return (
    <form
      onSubmit={submit}
      aria-label="Add people"
      className="space-y-2 rounded-xl border border-stone-200 bg-stone-50 p-3"
    >
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-stone-700">
          Friends to add{picked.size ? ` (${picked.size})` : ""}
        </legend>
        <FormAlert message={errors.form ?? errors.fields.userIds} />
        {friends.isPending ? (
          <Spinner label="Loading friends" />
        ) : friends.isError ? (
          <FormAlert message={formErrors(friends.error).form} />
        ) : candidates.length === 0 ? (
          <p className="py-2 text-sm text-stone-500">All your friends are in this group already.</p>
        ) : (
          <FriendPicker friends={candidates} picked={picked} onToggle={toggle} compact />
        )}
      </fieldset>
      <div className="flex justify-end gap-2">
        <Button type="button" variant="ghost" className="px-3 py-1.5" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" className="px-3 py-1.5" disabled={picked.size === 0} pending={add.isPending}>
          Add{picked.size ? ` ${picked.size}` : ""}
        </Button>
      </div>
    </form>
  );
}

function LeaveGroup({ conversation: c }: { conversation: Conversation }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { confirm, confirmDialog } = useConfirm();
  const leave = useMutation(
    trpc.chat.leave.mutationOptions({
      onSuccess: (_, input) => {
        router.push("/messages");
        queryClient.setQueryData<Conversation[]>(trpc.chat.conversations.queryKey(), (list) =>
          list?.filter((x) => x.id !== input.conversationId),
        );
        void queryClient.invalidateQueries({ queryKey: trpc.chat.conversations.queryKey() });
      },
    }),
  );
  return (
    <div className="space-y-2">
      <FormAlert message={formErrors(leave.error).form} />
      <Button
        variant="danger"
        className="w-full"
        pending={leave.isPending}
        onClick={async () => {
          if (
            await confirm({
              title: `Leave “${c.title}”?`,
              body: "You will stop getting its messages.",
              confirmLabel: "Leave",
              danger: true,
            })
          )
            leave.mutate({ conversationId: c.id });
        }}
      >
        Leave group
      </Button>
      {confirmDialog}
    </div>
  );
}
