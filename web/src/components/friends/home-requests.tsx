"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/trpc/client";
import { Card } from "../ui/card";
import { IncomingRequestActions } from "./request-actions";
import { UserRow } from "./user-row";

export function HomeRequests() {
  const trpc = useTRPC();
  const { data } = useQuery(trpc.friends.requests.queryOptions());
  if (!data?.incoming.length) return null;
  return (
    <Card>
      <div className="mb-1 flex items-center justify-between">
        <h2 className="font-semibold">Friend requests</h2>
        <Link href="/friends?tab=requests" className="text-sm text-ember-700 hover:underline">
          See all
        </Link>
      </div>
      <ul className="divide-y divide-stone-100">
        {data.incoming.slice(0, 3).map((request) => (
          <UserRow key={request.id} user={request.user} actions={<IncomingRequestActions requestId={request.id} />} />
        ))}
      </ul>
    </Card>
  );
}
