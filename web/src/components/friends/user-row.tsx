import Link from "next/link";
import type { ReactNode } from "react";
import { WithPresence } from "../presence/presence";
import { Avatar } from "../ui/avatar";

export interface UserRowUser {
  id: string;
  username: string;
  displayName: string;
  avatarUrl: string | null;
}

/** A person in a list; `presence` adds their status dot (friends only: nobody else's presence is shared). */
/** `stacked`: on phones the actions go on a line of their own under the name, so several never squeeze the name. */
export function UserRow({
  user,
  detail,
  actions,
  presence = false,
  stacked = false,
}: {
  user: UserRowUser;
  detail?: ReactNode;
  actions?: ReactNode;
  presence?: boolean;
  stacked?: boolean;
}) {
  return (
    <li className={`flex items-center gap-3 py-3 ${stacked ? "max-sm:flex-wrap" : ""}`}>
      <Link
        href={`/u/${user.username}`}
        className={`flex min-w-0 flex-1 items-center gap-3 rounded-lg hover:opacity-90 ${stacked ? "max-sm:basis-full" : ""}`}
      >
        <WithPresence userId={presence ? user.id : null} size={44}>
          <Avatar name={user.displayName} url={user.avatarUrl} seed={user.id} size={44} />
        </WithPresence>
        <span className="min-w-0">
          <span className="block truncate font-medium text-stone-900">{user.displayName}</span>
          <span className="block truncate text-sm text-stone-500">
            @{user.username}
            {detail ? <> · {detail}</> : null}
          </span>
        </span>
      </Link>
      {actions ? (
        <div className={`flex shrink-0 flex-wrap justify-end gap-2 ${stacked ? "max-sm:ml-14" : ""}`}>{actions}</div>
      ) : null}
    </li>
  );
}

export const mutualLabel = (n: number) => (n === 0 ? null : n === 1 ? "1 mutual friend" : `${n} mutual friends`);
