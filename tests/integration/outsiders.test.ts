import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { GET as attachmentRoute } from "@/app/api/attachments/[attachmentId]/route";
import { GET as avatarRoute } from "@/app/api/avatars/[userId]/route";
import { GET as exportRoute } from "@/app/api/exports/[exportId]/route";
import { GET as groupAvatarRoute } from "@/app/api/conversations/[conversationId]/avatar/route";
import { GET as icsRoute } from "@/app/api/rooms/[roomId]/ics/route";
import { callerFor, createUser, makeFriends, testDeps, type TestUser } from "../helpers/deps";
import { expectTrpcError } from "../helpers/errors";
import { expectRefusedUnchanged } from "../helpers/refusals";
import { callRoute, sessionCookie } from "../helpers/route-request";

// The gaps the access matrix (access-matrix.test.ts) found: each proves an outsider is refused and nothing changes,
// beside what the rightful caller gets (so the refusal is not just a broken procedure or route).

const deps = testDeps();
const as = (u: TestUser) => callerFor(u);
const hour = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

async function group() {
  const [admin, member, outsider] = await Promise.all([createUser(), createUser(), createUser()]);
  await makeFriends(admin, member);
  const { conversationId } = await as(admin).chat.createGroup({ name: "Book club", memberIds: [member.id] });
  return { admin, member, outsider, conversationId };
}

/** An image uploaded through a presigned avatar URL, as the browser does; returns its upload key. */
async function uploadImage(user: TestUser): Promise<string> {
  const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#aa3300" } })
    .png()
    .toBuffer();
  const { uploadKey, url, headers } = await as(user).profile.createAvatarUpload({
    contentType: "image/png",
    size: png.length,
  });
  expect((await fetch(url, { method: "PUT", headers, body: new Uint8Array(png) })).status).toBe(200);
  return uploadKey;
}

describe("rooms", () => {
  it("setE2ee by someone outside the group is NOT_FOUND and leaves encryption as it was", async () => {
    const { admin, outsider, conversationId } = await group();
    const room = await as(admin).rooms.forConversation({ conversationId });
    const e2ee = async () =>
      (await deps.db.room.findUniqueOrThrow({ where: { id: room.id }, select: { e2ee: true } })).e2ee;
    await expectRefusedUnchanged(
      [outsider.id, admin.id],
      () => as(outsider).rooms.setE2ee({ roomId: room.id, on: true }),
      "NOT_FOUND",
    );
    expect(await e2ee()).toBe(false);
    expect((await as(admin).rooms.setE2ee({ roomId: room.id, on: true })).e2ee).toBe(true);
    await expectRefusedUnchanged(
      [outsider.id, admin.id],
      () => as(outsider).rooms.setE2ee({ roomId: room.id, on: false }),
      "NOT_FOUND",
    );
    expect(await e2ee()).toBe(true);
  });

  it("cancelMeeting by someone not invited is NOT_FOUND and the meeting stands", async () => {
    const [owner, invitee, ownersFriend] = await Promise.all([createUser(), createUser(), createUser()]);
    await makeFriends(owner, invitee);
    await makeFriends(owner, ownersFriend);
    const meeting = await as(owner).rooms.createMeeting({
      title: "Plans",
      startsAt: hour(1),
      endsAt: hour(2),
      inviteeIds: [invitee.id],
    });
    const stranger = await createUser();
    for (const outsider of [ownersFriend, stranger]) {
      await expectRefusedUnchanged(
        [outsider.id, owner.id, invitee.id],
        () => as(outsider).rooms.cancelMeeting({ roomId: meeting.id }),
        "NOT_FOUND",
      );
    }
    expect((await deps.db.room.findUniqueOrThrow({ where: { id: meeting.id } })).deletedAt).toBeNull();
    expect((await as(invitee).rooms.join({ roomId: meeting.id })).access.role).toBe("participant");
  });
});

describe("chat.search", () => {
  it("with another conversation's id is NOT_FOUND and finds nothing of it", async () => {
    const word = `quokka${Math.random().toString(36).slice(2, 8).replace(/\d/g, "q")}`;
    const { admin, member, outsider, conversationId } = await group();
    await as(member).chat.send({ conversationId, body: `the ${word} is secret` });
    expect(await as(admin).chat.search({ query: word, conversationId })).toHaveLength(1);
    // The outsider's own conversation has the word too: asking with the other id must not reach either.
    await makeFriends(outsider, admin);
    const own = await as(outsider).chat.openDirect({ userId: admin.id });
    await as(outsider).chat.send({ conversationId: own.conversationId, body: `my own ${word}` });
    await expectRefusedUnchanged(
      [outsider.id, admin.id, member.id],
      () => as(outsider).chat.search({ query: word, conversationId }),
      "NOT_FOUND",
    );
    expect((await as(outsider).chat.search({ query: word })).map((hit) => hit.conversationId)).toEqual([
      own.conversationId,
    ]);
  });
});

describe("calls.history", () => {
  it("with another person's call as the cursor is NOT_FOUND", async () => {
    const [ada, bob, eve, eveFriend] = await Promise.all([createUser(), createUser(), createUser(), createUser()]);
    await makeFriends(ada, bob);
    await makeFriends(eve, eveFriend);
    const theirs = await as(ada).calls.start({ calleeId: bob.id, deviceId: "ada-device-0001" });
    const mine = await as(eve).calls.start({ calleeId: eveFriend.id, deviceId: "eve-device-0001" });
    // A foreign cursor would page through Eve's calls from the time of Ada's call: when it happened is not hers to learn.
    await expectRefusedUnchanged(
      [eve.id, ada.id, bob.id],
      () => as(eve).calls.history({ cursor: theirs.id, limit: 5 }),
      "NOT_FOUND",
    );
    await expectTrpcError(as(eve).calls.history({ cursor: "no-such-call", limit: 5 }), "NOT_FOUND");
    expect((await as(eve).calls.history({ cursor: mine.id, limit: 5 })).items).toEqual([]);
    expect((await as(bob).calls.history({ cursor: theirs.id, limit: 5 })).items).toEqual([]);
  });
});

describe("notifications.list", () => {
  it("with another person's notification as the cursor is NOT_FOUND", async () => {
    const [alice, bob, eve, eveFriend] = await Promise.all([createUser(), createUser(), createUser(), createUser()]);
    await as(bob).friends.sendRequest({ userId: alice.id });
    await as(eveFriend).friends.sendRequest({ userId: eve.id });
    const [theirs] = (await as(alice).notifications.list()).items;
    const [mine] = (await as(eve).notifications.list()).items;
    await expectRefusedUnchanged(
      [eve.id, alice.id, bob.id],
      () => as(eve).notifications.list({ cursor: theirs!.id }),
      "NOT_FOUND",
    );
    expect((await as(eve).notifications.list({ cursor: mine!.id })).items).toEqual([]);
    expect(await as(alice).notifications.unreadCount()).toBe(1);
  });
});

describe("admin.jitsiDefaults", () => {
  it("is FORBIDDEN to a user who is not an admin and to an admin without 2FA", async () => {
    const [user, admin] = await Promise.all([createUser(), createUser({ role: "ADMIN" })]);
    await expectRefusedUnchanged([user.id], () => callerFor(user).admin.jitsiDefaults(), "FORBIDDEN", /Only admins/);
    await expectRefusedUnchanged(
      [admin.id],
      () => callerFor({ id: admin.id, role: "ADMIN", needsTotp: true }).admin.jitsiDefaults(),
      "FORBIDDEN",
      /two-factor/,
    );
    await expectTrpcError(callerFor(null).admin.jitsiDefaults(), "UNAUTHORIZED");
    expect(await callerFor({ id: admin.id, role: "ADMIN" }).admin.jitsiDefaults()).toMatchObject({
      maxParticipants: expect.any(Number),
    });
  });
});

/** The route's answer for `user` (null: no session cookie at all). */
async function routeAs<P>(handler: Parameters<typeof callRoute<P>>[0], path: string, params: P, user: TestUser | null) {
  const response = await callRoute(handler, path, params, user ? { cookie: await sessionCookie(user.id) } : {});
  return {
    status: response.status,
    location: response.headers.get("location"),
    type: response.headers.get("content-type"),
    body: Buffer.from(await response.arrayBuffer()),
  };
}

describe("route handlers", () => {
  it("GET /api/attachments/[attachmentId] redirects a member to the file and answers anyone else 404", async () => {
    const { admin, member, outsider, conversationId } = await group();
    const bytes = Buffer.from("%PDF-1.4 members only");
    const created = await as(member).chat.createAttachmentUpload({
      conversationId,
      name: "plan.pdf",
      contentType: "application/pdf",
      size: bytes.length,
    });
    expect(
      (await fetch(created.url, { method: "PUT", headers: created.headers, body: new Uint8Array(bytes) })).status,
    ).toBe(200);
    await as(member).chat.send({ conversationId, body: "", attachmentIds: [created.attachmentId] });
    const get = (user: TestUser | null) =>
      routeAs(
        attachmentRoute,
        `/api/attachments/${created.attachmentId}`,
        { attachmentId: created.attachmentId },
        user,
      );

    const allowed = await get(admin);
    expect(allowed.status).toBe(302);
    expect(await (await fetch(allowed.location!)).text()).toBe("%PDF-1.4 members only");
    const attachmentRow = JSON.stringify(
      await deps.db.attachment.findUniqueOrThrow({ where: { id: created.attachmentId } }),
    );
    // An outsider is answered word for word as for an id that names no file.
    const noSuchFile = await routeAs(
      attachmentRoute,
      "/api/attachments/no-such-file",
      { attachmentId: "no-such-file" },
      outsider,
    );
    expect(noSuchFile).toMatchObject({ status: 404, location: null });
    expect(JSON.parse(noSuchFile.body.toString())).toEqual({
      error: { code: "NOT_FOUND", message: "That file was not found." },
    });
    expect((await get(outsider)).body.toString()).toBe(noSuchFile.body.toString());
    expect(await get(null)).toMatchObject({ status: 404, location: null });
    // Someone who leaves the group loses the files with it.
    await as(admin).chat.removeMember({ conversationId, userId: member.id });
    expect((await get(member)).status).toBe(404);
    expect(JSON.stringify(await deps.db.attachment.findUniqueOrThrow({ where: { id: created.attachmentId } }))).toBe(
      attachmentRow,
    );
  });

  it("GET /api/exports/[exportId] redirects the owner to their archive and answers anyone else 404", async () => {
    const [owner, outsider] = await Promise.all([createUser(), createUser()]);
    const row = await deps.db.dataExport.create({
      data: {
        userId: owner.id,
        status: "READY",
        key: `exports/${owner.id}/test-${Date.now()}.zip`,
        size: 10,
        readyAt: new Date(),
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    const get = (user: TestUser | null) => routeAs(exportRoute, `/api/exports/${row.id}`, { exportId: row.id }, user);
    const allowed = await get(owner);
    expect(allowed.status).toBe(302);
    expect(allowed.location).toContain(row.key!);
    for (const who of [outsider, null]) expect(await get(who)).toMatchObject({ status: 404, location: null });
    // Expired, even the owner gets nothing.
    await deps.db.dataExport.update({ where: { id: row.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await get(owner)).status).toBe(404);
  });

  it("GET /api/avatars/[userId] serves the picture, but 404 to a viewer the user blocked (and to the signed out)", async () => {
    const [owner, viewer, blockedViewer] = await Promise.all([createUser(), createUser(), createUser()]);
    await as(owner).profile.confirmAvatar({ uploadKey: await uploadImage(owner) });
    await as(owner).friends.block({ userId: blockedViewer.id });
    const get = (user: TestUser | null) => routeAs(avatarRoute, `/api/avatars/${owner.id}`, { userId: owner.id }, user);

    const allowed = await get(viewer);
    expect(allowed).toMatchObject({ status: 200, type: "image/webp" });
    expect((await sharp(allowed.body).metadata()).format).toBe("webp");
    for (const who of [blockedViewer, null])
      expect(await get(who)).toMatchObject({ status: 404, type: expect.not.stringMatching(/image/) });
    // Blocking the owner hides the owner's picture from the blocker too (a block hides each from the other).
    await as(viewer).friends.block({ userId: owner.id });
    expect((await get(viewer)).status).toBe(404);
  });

  it("GET /api/conversations/[conversationId]/avatar serves members only: 404 to anyone else", async () => {
    const { admin, member, outsider, conversationId } = await group();
    await as(admin).chat.setAvatar({ conversationId, uploadKey: await uploadImage(admin) });
    const get = (user: TestUser | null) =>
      routeAs(groupAvatarRoute, `/api/conversations/${conversationId}/avatar`, { conversationId }, user);

    expect(await get(member)).toMatchObject({ status: 200, type: "image/webp" });
    for (const who of [outsider, null])
      expect(await get(who)).toMatchObject({ status: 404, type: expect.not.stringMatching(/image/) });
  });

  it("GET /api/rooms/[roomId]/ics gives the meeting to its invitees only: 404 to anyone else", async () => {
    const [owner, invitee, ownersFriend, stranger] = await Promise.all([
      createUser(),
      createUser(),
      createUser(),
      createUser(),
    ]);
    await makeFriends(owner, invitee);
    await makeFriends(owner, ownersFriend);
    const meeting = await as(owner).rooms.createMeeting({
      title: "Plans",
      startsAt: hour(1),
      endsAt: hour(2),
      inviteeIds: [invitee.id],
    });
    const get = (user: TestUser | null) =>
      routeAs(icsRoute, `/api/rooms/${meeting.id}/ics`, { roomId: meeting.id }, user);

    const allowed = await get(invitee);
    expect(allowed).toMatchObject({ status: 200, type: "text/calendar; charset=utf-8" });
    expect(allowed.body.toString()).toContain("SUMMARY:Plans");
    for (const who of [ownersFriend, stranger, null])
      expect(await get(who)).toMatchObject({ status: 404, type: expect.not.stringMatching(/calendar/) });
  });
});
