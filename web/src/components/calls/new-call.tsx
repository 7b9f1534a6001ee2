"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "@/trpc/client";
import { FriendChooser } from "@/components/friends/friend-picker";
import { VideoIcon } from "@/components/ui/icons";
import { Button } from "../ui/button";
import { Spinner } from "../ui/card";
import { useCalls } from "./call-provider";

/** "New call" on the Calls page: pick a friend and the call starts. */
export function NewCallButton() {
  const [open, setOpen] = useState(false);
  const { busy } = useCalls();
  return (
    <>
      <Button onClick={() => setOpen(true)} disabled={busy}>
        <VideoIcon size={16} />
        New call
      </Button>
      {open ? <NewCallDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function NewCallDialog({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const dialog = useRef<HTMLDialogElement>(null);
  const friends = useQuery(trpc.friends.list.queryOptions());
  const { startCall } = useCalls();
  const [filter, setFilter] = useState("");
  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
  }, []);
  const words = filter.trim().toLowerCase();
  const shown = (friends.data?.friends ?? []).filter(
    (f) => !words || `${f.displayName} ${f.username}`.toLowerCase().includes(words),
  );

  return (
    <dialog
      ref={dialog}
      aria-labelledby="new-call-title"
      onClose={onClose}
      onClick={(e) => e.target === e.currentTarget && dialog.current?.close()}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-2xl border border-stone-200 bg-white p-0 shadow-xl backdrop:bg-stone-900/40"
    >
      <div className="flex max-h-[85dvh] flex-col">
        <div className="space-y-3 p-5 pb-3">
          <h2 id="new-call-title" className="text-lg font-semibold">
            New call
          </h2>
          <label className="block">
            <span className="sr-only">Find a friend</span>
            <input
              type="search"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              placeholder="Find a friend"
              autoFocus
              className="block w-full rounded-lg border border-stone-300 px-3 py-2 text-base focus:border-ember-500 focus:ring-2 focus:ring-ember-500/30 focus:outline-none sm:text-sm"
            />
          </label>
        </div>
        <div className="min-h-0 flex-1 overflow-y-auto px-4">
          {friends.isPending ? (
            <Spinner label="Loading friends" />
          ) : !friends.data?.friends.length ? (
            <p className="px-1 py-3 text-sm text-stone-500">
              You can call your friends, and you have none yet.{" "}
              <Link href="/search" className="text-ember-700 underline">
                Find people you know
              </Link>
            </p>
          ) : shown.length === 0 ? (
            <p className="px-1 py-3 text-sm text-stone-500">No friend matches “{filter.trim()}”.</p>
          ) : (
            <FriendChooser
              friends={shown}
              action="Call"
              onChoose={(friend) => {
                dialog.current?.close();
                startCall(friend);
              }}
            />
          )}
        </div>
        <div className="flex justify-end border-t border-stone-100 p-4">
          <Button type="button" variant="ghost" onClick={() => dialog.current?.close()}>
            Cancel
          </Button>
        </div>
      </div>
    </dialog>
  );
}
