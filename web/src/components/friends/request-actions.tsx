"use client";

import { Button } from "../ui/button";
import { ActionError, useFriendActions } from "./use-friend-actions";

export function IncomingRequestActions({ requestId }: { requestId: string }) {
  const { accept, decline, error } = useFriendActions();
  return (
    <>
      <Button onClick={() => accept.mutate({ requestId })} pending={accept.isPending}>
        Accept
      </Button>
      <Button variant="secondary" onClick={() => decline.mutate({ requestId })} pending={decline.isPending}>
        Decline
      </Button>
      <ActionError message={error} />
    </>
  );
}

export function OutgoingRequestActions({ requestId }: { requestId: string }) {
  const { cancel, error } = useFriendActions();
  return (
    <>
      <Button variant="secondary" onClick={() => cancel.mutate({ requestId })} pending={cancel.isPending}>
        Cancel request
      </Button>
      <ActionError message={error} />
    </>
  );
}
