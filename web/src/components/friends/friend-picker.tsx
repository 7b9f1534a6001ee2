"use client";

import { useState } from "react";
import { Avatar } from "@/components/ui/avatar";

interface Friend {
  id: string;
  username: string;
  displayName: string;
  avatarUrl: string | null;
}

/** A checklist of friends (for a new group, or to add to one). */
export function FriendPicker({
  friends,
  picked,
  onToggle,
  compact = false,
}: {
  friends: Friend[];
  picked: Set<string>;
  onToggle: (id: string) => void;
  compact?: boolean;
}) {
  return (
    <ul className={`divide-y divide-stone-100 ${compact ? "max-h-56 overflow-y-auto" : ""}`}>
      {friends.map((friend) => (
        <li key={friend.id}>
          <label className="flex cursor-pointer items-center gap-3 py-2">
            <input
              type="checkbox"
              checked={picked.has(friend.id)}
              onChange={() => onToggle(friend.id)}
              className="size-4 accent-ember-600"
            />
            <Avatar name={friend.displayName} url={friend.avatarUrl} seed={friend.id} size={compact ? 28 : 32} />
            <span className={`min-w-0 truncate ${compact ? "text-sm" : ""}`}>
              <span className="font-medium">{friend.displayName}</span>{" "}
              <span className={`text-stone-500 ${compact ? "" : "text-sm"}`}>@{friend.username}</span>
            </span>
          </label>
        </li>
      ))}
    </ul>
  );
}

/** A list of friends to choose one from (whom to call): each row is a button named "<action> <name>". */
export function FriendChooser({
  friends,
  action,
  onChoose,
}: {
  friends: Friend[];
  action: string;
  onChoose: (friend: Friend) => void;
}) {
  return (
    <ul className="divide-y divide-stone-100">
      {friends.map((friend) => (
        <li key={friend.id}>
          <button
            type="button"
            onClick={() => onChoose(friend)}
            aria-label={`${action} ${friend.displayName}`}
            className="flex w-full items-center gap-3 rounded-lg px-1 py-2 text-left hover:bg-stone-50 focus-visible:bg-stone-50"
          >
            <Avatar name={friend.displayName} url={friend.avatarUrl} seed={friend.id} size={36} />
            <span className="min-w-0 flex-1 truncate">
              <span className="font-medium">{friend.displayName}</span>{" "}
              <span className="text-sm text-stone-500">@{friend.username}</span>
            </span>
            <span aria-hidden className="shrink-0 text-sm font-medium text-ember-700">
              {action}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The ids ticked in a FriendPicker, and a toggle for one. */
export function usePickedIds() {
  const [picked, setPicked] = useState<Set<string>>(() => new Set());
  const toggle = (id: string) =>
    setPicked((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return { picked, toggle };
}
