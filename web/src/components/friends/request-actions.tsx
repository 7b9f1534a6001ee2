"use client";

import { Button } from "../ui/button";
import { useFriendActions } from "./use-friend-actions";

export function IncomingRequestActions({ requestId }: { requestId: string }) {
  const { accept, decline } = useFriendActions();
  return (
    <>
      <Button onClick={() => accept.mutate({ requestId })} pending={accept.isPending}>
        Accept
      </Button>
      <Button variant="secondary" onClick={() => decline.mutate({ requestId })} pending={decline.isPending}>
        Decline
      </Button>
    </>
  );
}

export function OutgoingRequestActions({ requestId }: { requestId: string }) {
  const { cancel } = useFriendActions();
  return (
    <Button variant="secondary" onClick={() => cancel.mutate({ requestId })} pending={cancel.isPending}>
      Cancel request
    </Button>
  );
}
