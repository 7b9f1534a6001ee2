import { describe, expect, it } from "vitest";
import type { Relationship } from "../social/relationship";
import { decideRoomAccess, type RoomFacts } from "./room-access";

const stranger: Relationship = {
  self: false,
  blocked: false,
  friends: false,
  friendsOfFriends: false,
  outgoingRequestId: null,
  incomingRequestId: null,
};
const friend = { ...stranger, friends: true };
const friendOfFriend = { ...stranger, friendsOfFriends: true };
const blocked = { ...friend, friends: false, blocked: true };
const base: RoomFacts = {
  kind: "MEETING",
  deleted: false,
  e2ee: false,
  isOwner: false,
  isHost: false,
  isMember: false,
  invite: null,
  relationship: stranger,
  ownerRoomPolicy: "FRIENDS",
  ownerProfileVisibility: "EVERYONE",
  recordingPolicy: "HOSTS",
  lobbyEnabled: true,
};
const decide = (facts: Partial<RoomFacts>) => decideRoomAccess({ ...base, ...facts });

describe("who may enter a room, and as whom", () => {
  it("owners are moderators and enter directly; hosts too", () => {
    expect(decide({ isOwner: true })).toEqual({ role: "owner", entry: "direct", mayRecord: true });
    expect(decide({ isHost: true })).toEqual({ role: "host", entry: "direct", mayRecord: true });
  });

  it("group rooms: members only (group admins host), whatever blocks exist between members", () => {
    expect(decide({ kind: "GROUP", isMember: true })).toEqual({
      role: "participant",
      entry: "direct",
      mayRecord: false,
    });
    expect(decide({ kind: "GROUP", isMember: true, isHost: true })?.role).toBe("host");
    expect(decide({ kind: "GROUP", isMember: true, relationship: blocked })?.role).toBe("participant");
    expect(decide({ kind: "GROUP", isMember: false, relationship: friend })).toBeNull();
  });

  it("group rooms: an owner who is no longer a member (left, removed) is refused like anyone else", () => {
    expect(decide({ kind: "GROUP", isOwner: true, isMember: true })?.role).toBe("owner");
    expect(decide({ kind: "GROUP", isOwner: true, isMember: false })).toBeNull();
    expect(decide({ kind: "GROUP", isOwner: true, isHost: true, isMember: false })).toBeNull();
  });

  it("meetings and rooms from calls: invitees while the invitation lasts", () => {
    for (const kind of ["MEETING", "CALL"] as const) {
      expect(decide({ kind, invite: { expired: false } })).toMatchObject({ role: "participant", entry: "direct" });
      expect(decide({ kind, invite: { expired: true } })).toBeNull();
      expect(decide({ kind, relationship: friend })).toBeNull();
    }
  });

  it("profile rooms follow the owner's room setting; people who may only see the profile wait in the lobby", () => {
    expect(decide({ kind: "PROFILE", relationship: friend })).toMatchObject({ entry: "direct" });
    expect(decide({ kind: "PROFILE", relationship: friendOfFriend })).toMatchObject({ entry: "lobby" });
    expect(
      decide({ kind: "PROFILE", relationship: friendOfFriend, ownerRoomPolicy: "FRIENDS_OF_FRIENDS" }),
    ).toMatchObject({ entry: "direct" });
    expect(decide({ kind: "PROFILE", relationship: stranger, ownerRoomPolicy: "EVERYONE" })).toMatchObject({
      entry: "direct",
    });
    expect(decide({ kind: "PROFILE", relationship: friend, ownerRoomPolicy: "NOBODY" })).toMatchObject({
      entry: "lobby",
    });
    expect(decide({ kind: "PROFILE", relationship: stranger, ownerProfileVisibility: "FRIENDS" })).toBeNull();
    // With the lobby switched off by the admin, nobody can wait for approval: they are refused.
    expect(decide({ kind: "PROFILE", relationship: friendOfFriend, lobbyEnabled: false })).toBeNull();
    expect(decide({ kind: "PROFILE", relationship: friend, lobbyEnabled: false })).toMatchObject({ entry: "direct" });
  });

  it("never admits blocked people (outside groups), nor anyone to a deleted room", () => {
    expect(decide({ kind: "PROFILE", relationship: blocked, ownerRoomPolicy: "EVERYONE" })).toBeNull();
    expect(decide({ kind: "MEETING", relationship: blocked, invite: { expired: false } })).toBeNull();
    expect(decide({ isOwner: true, deleted: true })).toBeNull();
    expect(decide({ kind: "GROUP", isMember: true, deleted: true })).toBeNull();
  });

  it("grants recording by the admin's policy, and to nobody while the room is end-to-end encrypted", () => {
    const roles = (recordingPolicy: RoomFacts["recordingPolicy"], e2ee = false) =>
      [
        decide({ isOwner: true, recordingPolicy, e2ee }),
        decide({ isHost: true, recordingPolicy, e2ee }),
        decide({ invite: { expired: false }, recordingPolicy, e2ee }),
      ].map((a) => a?.mayRecord);
    expect(roles("EVERYONE")).toEqual([true, true, true]);
    expect(roles("HOSTS")).toEqual([true, true, false]);
    expect(roles("OWNER")).toEqual([true, false, false]);
    expect(roles("NOBODY")).toEqual([false, false, false]);
    expect(roles("EVERYONE", true)).toEqual([false, false, false]);
  });
});
