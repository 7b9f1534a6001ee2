import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { crc32 } from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { type AppError } from "@/server/errors";
import {
  callerFor,
  createUser,
  freshIp,
  makeFriends,
  socialSnapshot,
  testDeps,
  unique,
  type TestUser,
} from "../helpers/deps";
import { expectTrpcError } from "../helpers/errors";
import { expectRefusedUnchanged } from "../helpers/refusals";

const deps = testDeps();
const { bucket, client: s3 } = deps.storage;
const as = (user: TestUser) => callerFor(user, freshIp());

const pngOf = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 234, g: 88, b: 12 } } })
    .png()
    .toBuffer();

/** Random pixels, so the PNG is large enough to cut in half after its header. */
const noisyPngOf = (width: number, height: number) =>
  sharp({
    create: { width, height, channels: 3, background: "#000", noise: { type: "gaussian", mean: 128, sigma: 30 } },
  })
    .png()
    .toBuffer();

/** Rewrites a PNG's IHDR to claim another size (with a valid CRC), without adding any pixels. */
function withPngSize(png: Buffer, width: number, height: number): Buffer {
  const copy = Buffer.from(png);
  expect(copy.toString("latin1", 12, 16)).toBe("IHDR");
  copy.writeUInt32BE(width, 16);
  copy.writeUInt32BE(height, 20);
  copy.writeUInt32BE(crc32(copy.subarray(12, 29)), 29);
  return copy;
}

/** The object's bytes, or null when the key does not exist. */
async function s3Object(key: string): Promise<{ bytes: Buffer; contentType: string | undefined } | null> {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return { bytes: Buffer.from(await object.Body!.transformToByteArray()), contentType: object.ContentType };
  } catch (error) {
    if ((error as { name?: string }).name === "NoSuchKey") return null;
    throw error;
  }
}

/** Asks for a presigned upload and PUTs `bytes` to it the way a browser would. */
async function upload(
  user: TestUser,
  bytes: Buffer,
  contentType: "image/png" | "image/jpeg" | "image/webp" | "image/gif" = "image/png",
): Promise<string> {
  const { uploadKey, url, headers } = await as(user).profile.createAvatarUpload({ contentType, size: bytes.length });
  const response = await fetch(url, { method: "PUT", headers, body: new Uint8Array(bytes) });
  expect(response.status, await response.clone().text()).toBe(200);
  return uploadKey;
}
const avatarKeyOf = async (user: TestUser) =>
  (await deps.db.user.findUniqueOrThrow({ where: { id: user.id }, select: { avatarKey: true } })).avatarKey;

describe("profile.byUsername", () => {
  it("shows your own profile, whatever the case of the name", async () => {
    const me = await createUser();
    await deps.db.user.update({ where: { id: me.id }, data: { bio: "Hello there" } });
    const friend = await createUser();
    await makeFriends(me, friend);
    expect(await as(me).profile.byUsername({ username: me.username.toUpperCase() })).toEqual({
      id: me.id,
      username: me.username,
      displayName: me.displayName,
      avatarUrl: null,
      restricted: false,
      bio: "Hello there",
      friendCount: 1,
      mutualFriends: 0,
      joinedAt: expect.any(Date),
      friendStatus: "self",
      requestId: null,
      canSendRequest: false,
    });
  });

  it("shows a public stranger in full, with the option to send a request", async () => {
    const [viewer, stranger] = [await createUser(), await createUser()];
    expect(await as(viewer).profile.byUsername({ username: ` ${stranger.username.toLowerCase()} ` })).toMatchObject({
      id: stranger.id,
      restricted: false,
      bio: "",
      friendCount: 0,
      mutualFriends: 0,
      joinedAt: expect.any(Date),
      friendStatus: "none",
      requestId: null,
      canSendRequest: true,
    });
  });

  it("shows a friend with mutual friends, and pending requests in both directions", async () => {
    const [viewer, friend, shared, asked, asker] = [
      await createUser(),
      await createUser(),
      await createUser(),
      await createUser(),
      await createUser(),
    ];
    await makeFriends(viewer, friend);
    await makeFriends(viewer, shared);
    await makeFriends(friend, shared);
    expect(await as(viewer).profile.byUsername({ username: friend.username })).toMatchObject({
      friendStatus: "friends",
      friendCount: 2,
      mutualFriends: 1,
      canSendRequest: false,
      requestId: null,
    });

    const sent = await as(viewer).friends.sendRequest({ userId: asked.id });
    expect(await as(viewer).profile.byUsername({ username: asked.username })).toMatchObject({
      friendStatus: "request-sent",
      requestId: sent.status === "requested" ? sent.requestId : "?",
      canSendRequest: false,
    });
    const received = await as(asker).friends.sendRequest({ userId: viewer.id });
    expect(await as(viewer).profile.byUsername({ username: asker.username })).toMatchObject({
      friendStatus: "request-received",
      requestId: received.status === "requested" ? received.requestId : "?",
    });
  });

  it("restricts a friends-only profile for a stranger who may still send a request: no bio, counts or join date", async () => {
    const owner = await createUser({ profileVisibility: "FRIENDS", friendRequestPolicy: "EVERYONE" });
    await deps.db.user.update({ where: { id: owner.id }, data: { bio: "for friends only" } });
    const [stranger, friend] = [await createUser(), await createUser()];
    await makeFriends(owner, friend);
    expect(await as(stranger).profile.byUsername({ username: owner.username })).toEqual({
      id: owner.id,
      username: owner.username,
      displayName: owner.displayName,
      avatarUrl: null,
      restricted: true,
      bio: null,
      friendCount: null,
      mutualFriends: 0,
      joinedAt: null,
      friendStatus: "none",
      requestId: null,
      canSendRequest: true,
    });
    expect(await as(friend).profile.byUsername({ username: owner.username })).toMatchObject({
      restricted: false,
      bio: "for friends only",
      friendCount: 1,
    });
  });

  it("shows a friends-of-friends profile to a friend of a friend", async () => {
    const owner = await createUser({ profileVisibility: "FRIENDS_OF_FRIENDS", friendRequestPolicy: "NOBODY" });
    const [mutual, fof, stranger] = [await createUser(), await createUser(), await createUser()];
    await makeFriends(owner, mutual);
    await makeFriends(mutual, fof);
    expect(await as(fof).profile.byUsername({ username: owner.username })).toMatchObject({
      restricted: false,
      mutualFriends: 1,
      canSendRequest: false,
    });
    await expectTrpcError(as(stranger).profile.byUsername({ username: owner.username }), "NOT_FOUND");
  });

  it("answers blocked profiles (either way) and hidden ones exactly as a name that does not exist", async () => {
    const [viewer, blockedByViewer, blockerOfViewer] = [await createUser(), await createUser(), await createUser()];
    const hidden = await createUser({ profileVisibility: "NOBODY", friendRequestPolicy: "NOBODY" });
    await as(viewer).friends.block({ userId: blockedByViewer.id });
    await as(blockerOfViewer).friends.block({ userId: viewer.id });
    const missing = await expectTrpcError(as(viewer).profile.byUsername({ username: unique("nobody_") }), "NOT_FOUND");
    for (const target of [blockedByViewer, blockerOfViewer, hidden]) {
      const error = await expectRefusedUnchanged(
        [viewer.id, target.id],
        () => as(viewer).profile.byUsername({ username: target.username }),
        "NOT_FOUND",
      );
      expect({ code: error.code, message: error.message }).toEqual({ code: missing.code, message: missing.message });
    }
    // The other side of each block cannot see the viewer either.
    await expectTrpcError(as(blockedByViewer).profile.byUsername({ username: viewer.username }), "NOT_FOUND");
    await expectTrpcError(as(blockerOfViewer).profile.byUsername({ username: viewer.username }), "NOT_FOUND");
  });

  it.each([[""], ["   "], ["x".repeat(31)]])("refuses the username %j with BAD_REQUEST", async (username) => {
    const viewer = await createUser();
    await expectTrpcError(as(viewer).profile.byUsername({ username }), "BAD_REQUEST");
  });
});

describe("profile.update", () => {
  it("changes username, display name and bio; the old name no longer resolves", async () => {
    const me = await createUser();
    const viewer = await createUser();
    const newName = unique("Renamed_");
    await as(me).profile.update({ username: newName, displayName: "  New Name  ", bio: "  Gardener.  " });
    expect(await deps.db.user.findUniqueOrThrow({ where: { id: me.id } })).toMatchObject({
      username: newName,
      usernameKey: newName.toLowerCase(),
      displayName: "New Name",
      bio: "Gardener.",
    });
    expect(await as(viewer).profile.byUsername({ username: newName.toLowerCase() })).toMatchObject({
      id: me.id,
      username: newName,
      displayName: "New Name",
      bio: "Gardener.",
    });
    await expectTrpcError(as(viewer).profile.byUsername({ username: me.username }), "NOT_FOUND");
  });

  it("lets you change only the case of your own username", async () => {
    const me = await createUser();
    await as(me).profile.update({ username: me.username.toUpperCase(), displayName: me.displayName, bio: "" });
    expect((await deps.db.user.findUniqueOrThrow({ where: { id: me.id } })).username).toBe(me.username.toUpperCase());
  });

  it("refuses a username someone else has in another case with CONFLICT on the field, changing nothing", async () => {
    const [me, other] = [await createUser(), await createUser()];
    const error = await expectRefusedUnchanged(
      [me.id, other.id],
      () => as(me).profile.update({ username: other.username.toUpperCase(), displayName: "Changed", bio: "changed" }),
      "CONFLICT",
      /username is taken/,
    );
    expect((error.cause as AppError).field).toBe("username");
  });

  it.each([
    ["a username with spaces", { username: "two words" }, "username"],
    ["a two-letter username", { username: "ab" }, "username"],
    ["a 31-character username", { username: "a".repeat(31) }, "username"],
    ["a reserved username", { username: "Admin" }, "username"],
    ["a username with a path", { username: "../etc" }, "username"],
    ["an empty display name", { displayName: "   " }, "displayName"],
    ["a display name with a control character", { displayName: "Bad\u0007Name" }, "displayName"],
    ["a 61-character display name", { displayName: "d".repeat(61) }, "displayName"],
    ["a 501-character bio", { bio: "b".repeat(501) }, "bio"],
  ])("refuses %s with BAD_REQUEST naming the field, and changes nothing", async (_label, override, field) => {
    const me = await createUser();
    const input = { username: unique("ok_"), displayName: "Fine Name", bio: "fine", ...override };
    const error = await expectRefusedUnchanged([me.id], () => as(me).profile.update(input), "BAD_REQUEST");
    expect(
      Object.keys((error.cause as { flatten?: () => { fieldErrors: object } }).flatten?.().fieldErrors ?? {}),
    ).toEqual([field]);
  });

  it("stores markup in a bio verbatim (escaping is the renderer's job) and accepts exactly 500 characters", async () => {
    const [me, viewer] = [await createUser(), await createUser()];
    const bio = `<script>alert("x")</script> & <b>bold</b>`;
    await as(me).profile.update({ username: me.username, displayName: me.displayName, bio });
    expect(await as(viewer).profile.byUsername({ username: me.username })).toMatchObject({ bio });
    const longest = "é".repeat(500);
    await as(me).profile.update({ username: me.username, displayName: me.displayName, bio: longest });
    expect((await deps.db.user.findUniqueOrThrow({ where: { id: me.id } })).bio).toBe(longest);
  });
});

describe("profile.updatePrivacy", () => {
  it("stores all four settings, and they take effect", async () => {
    const [me, stranger] = [await createUser(), await createUser()];
    await as(me).profile.updatePrivacy({
      profileVisibility: "NOBODY",
      friendRequestPolicy: "NOBODY",
      callPolicy: "NOBODY",
      roomPolicy: "NOBODY",
    });
    expect(
      await deps.db.user.findUniqueOrThrow({
        where: { id: me.id },
        select: { profileVisibility: true, friendRequestPolicy: true, callPolicy: true, roomPolicy: true },
      }),
    ).toEqual({
      profileVisibility: "NOBODY",
      friendRequestPolicy: "NOBODY",
      callPolicy: "NOBODY",
      roomPolicy: "NOBODY",
    });
    await expectTrpcError(as(stranger).profile.byUsername({ username: me.username }), "NOT_FOUND");
    await as(me).profile.updatePrivacy({
      profileVisibility: "FRIENDS",
      friendRequestPolicy: "EVERYONE",
      callPolicy: "FRIENDS",
      roomPolicy: "FRIENDS",
    });
    expect(await as(stranger).profile.byUsername({ username: me.username })).toMatchObject({
      restricted: true,
      canSendRequest: true,
    });
  });

  it.each([
    ["an unknown audience", { profileVisibility: "PUBLIC" }],
    ["lower case", { friendRequestPolicy: "everyone" }],
    ["a missing setting", { callPolicy: undefined }],
  ])("refuses %s with BAD_REQUEST and changes nothing", async (_label, override) => {
    const me = await createUser();
    const input = {
      profileVisibility: "FRIENDS",
      friendRequestPolicy: "FRIENDS",
      callPolicy: "FRIENDS",
      roomPolicy: "FRIENDS",
      ...override,
    };
    await expectRefusedUnchanged([me.id], () => as(me).profile.updatePrivacy(input as never), "BAD_REQUEST");
  });
});

describe("avatars", () => {
  it("uploads through the presigned URL, then stores a 256×256 WebP and removes the upload", async () => {
    const me = await createUser();
    const viewer = await createUser();
    const png = await pngOf(600, 400);
    const { uploadKey, url, headers } = await as(me).profile.createAvatarUpload({
      contentType: "image/png",
      size: png.length,
    });
    expect(uploadKey).toMatch(new RegExp(`^uploads/avatars/${me.id}/[0-9a-f]{32}$`));
    expect(headers).toEqual({ "Content-Type": "image/png" });
    const signed = new URL(url);
    expect(signed.origin).toBe(process.env.S3_PUBLIC_ENDPOINT);
    expect(signed.searchParams.get("X-Amz-SignedHeaders")?.split(";")).toEqual(
      expect.arrayContaining(["content-length", "content-type", "host"]),
    );
    expect(Number(signed.searchParams.get("X-Amz-Expires"))).toBeLessThanOrEqual(300);

    const put = await fetch(url, { method: "PUT", headers, body: new Uint8Array(png) });
    expect(put.status).toBe(200);
    expect((await s3Object(uploadKey))?.bytes.equals(png)).toBe(true);

    const { avatarUrl } = await as(me).profile.confirmAvatar({ uploadKey });
    expect(avatarUrl).toMatch(new RegExp(`^/api/avatars/${me.id}\\?v=[0-9a-f]{12}$`));
    const avatarKey = await avatarKeyOf(me);
    expect(avatarKey).toMatch(new RegExp(`^avatars/${me.id}/[0-9a-f]{24}\\.webp$`));
    const stored = await s3Object(avatarKey!);
    expect(stored?.contentType).toBe("image/webp");
    expect(await sharp(stored!.bytes).metadata()).toMatchObject({ format: "webp", width: 256, height: 256 });
    expect(await s3Object(uploadKey), "the upload is deleted").toBeNull();
    expect(await as(viewer).profile.byUsername({ username: me.username })).toMatchObject({ avatarUrl });
    // A used upload key cannot be confirmed again.
    await expectTrpcError(as(me).profile.confirmAvatar({ uploadKey }), "NOT_FOUND");
  });

  it("replacing an avatar deletes the previous image and changes the URL", async () => {
    const me = await createUser();
    const first = await as(me).profile.confirmAvatar({ uploadKey: await upload(me, await pngOf(300, 300)) });
    const firstKey = await avatarKeyOf(me);
    const jpeg = await sharp({ create: { width: 100, height: 300, channels: 3, background: "#336699" } })
      .jpeg()
      .toBuffer();
    const second = await as(me).profile.confirmAvatar({ uploadKey: await upload(me, jpeg, "image/jpeg") });
    expect(second.avatarUrl).not.toBe(first.avatarUrl);
    expect(await s3Object(firstKey!)).toBeNull();
    expect(await sharp((await s3Object((await avatarKeyOf(me))!))!.bytes).metadata()).toMatchObject({
      format: "webp",
      width: 256,
      height: 256,
    });
  });

  it.each([
    ["an SVG", { contentType: "image/svg+xml", size: 1000 }],
    ["HTML", { contentType: "text/html", size: 1000 }],
    ["over 5 MB", { contentType: "image/png", size: 5 * 1024 * 1024 + 1 }],
    ["an empty file", { contentType: "image/png", size: 0 }],
    ["a fractional size", { contentType: "image/png", size: 10.5 }],
  ])("createAvatarUpload refuses %s with BAD_REQUEST", async (_label, input) => {
    const me = await createUser();
    await expectTrpcError(as(me).profile.createAvatarUpload(input as never), "BAD_REQUEST");
  });

  it("refuses to confirm another user's upload (also through '..'), leaving both users and the upload untouched", async () => {
    const [attacker, victim] = [await createUser(), await createUser()];
    const victimKey = await upload(victim, await pngOf(64, 64));
    const ownMissing = await expectTrpcError(
      as(attacker).profile.confirmAvatar({ uploadKey: `uploads/avatars/${attacker.id}/${"0".repeat(32)}` }),
      "NOT_FOUND",
    );
    for (const uploadKey of [
      victimKey,
      `uploads/avatars/${attacker.id}/../${victimKey.slice("uploads/avatars/".length)}`,
      `avatars/${victim.id}/x.webp`,
    ]) {
      const error = await expectRefusedUnchanged(
        [attacker.id, victim.id],
        () => as(attacker).profile.confirmAvatar({ uploadKey }),
        "NOT_FOUND",
      );
      expect(error.message).toMatch(/upload was not found/);
    }
    expect(ownMissing.message).toMatch(/upload was not found/);
    expect(await s3Object(victimKey), "the victim's upload is still there").not.toBeNull();
    await as(victim).profile.confirmAvatar({ uploadKey: victimKey });
    expect(await avatarKeyOf(victim)).not.toBeNull();
    expect(await avatarKeyOf(attacker)).toBeNull();
  });

  it.each([
    ["text", () => Promise.resolve(Buffer.from("this is not an image at all"))],
    [
      "an SVG",
      () =>
        Promise.resolve(
          Buffer.from(
            `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>`,
          ),
        ),
    ],
    ["a PNG with a corrupt header", async () => (await pngOf(200, 200)).subarray(0, 40)],
    [
      "a PNG cut off after its header (readable size, unreadable pixels)",
      async () => {
        const png = await noisyPngOf(200, 200);
        return png.subarray(0, Math.floor(png.length / 2));
      },
    ],
    ["a PNG claiming 8000×8000 pixels (a decompression bomb)", async () => withPngSize(await pngOf(1, 1), 8000, 8000)],
  ])(
    "refuses uploaded bytes that are %s with BAD_REQUEST, deletes the upload and keeps the old avatar",
    async (_label, bytes) => {
      const me = await createUser();
      await as(me).profile.confirmAvatar({ uploadKey: await upload(me, await pngOf(50, 50)) });
      const before = await socialSnapshot(me.id);
      const uploadKey = await upload(me, await bytes());
      await expectTrpcError(as(me).profile.confirmAvatar({ uploadKey }), "BAD_REQUEST");
      expect(await socialSnapshot(me.id)).toBe(before);
      expect(await s3Object(uploadKey)).toBeNull();
      expect(await s3Object((await avatarKeyOf(me))!)).not.toBeNull();
    },
  );

  it("refuses stored bytes over 5 MB even if the upload lied about its size (the storage may not enforce it)", async () => {
    const me = await createUser();
    const { uploadKey } = await as(me).profile.createAvatarUpload({ contentType: "image/png", size: 1000 });
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: uploadKey,
        Body: Buffer.alloc(5 * 1024 * 1024 + 1, 1),
        ContentType: "image/png",
      }),
    );
    await expectRefusedUnchanged([me.id], () => as(me).profile.confirmAvatar({ uploadKey }), "BAD_REQUEST", /5 MB/);
    expect(await s3Object(uploadKey)).toBeNull();
  });

  it("removeAvatar clears the avatar and deletes the image; with none it does nothing", async () => {
    const me = await createUser();
    await as(me).profile.confirmAvatar({ uploadKey: await upload(me, await pngOf(80, 80)) });
    const key = (await avatarKeyOf(me))!;
    await as(me).profile.removeAvatar();
    expect(await avatarKeyOf(me)).toBeNull();
    expect(await s3Object(key)).toBeNull();
    expect(await as(me).profile.byUsername({ username: me.username })).toMatchObject({ avatarUrl: null });
    await expect(as(me).profile.removeAvatar()).resolves.toBeUndefined();
  });

  it("refuses the 11th upload URL in an hour with TOO_MANY_REQUESTS and when to retry", async () => {
    const me = await createUser();
    for (let i = 0; i < 10; i++) await as(me).profile.createAvatarUpload({ contentType: "image/webp", size: 1000 });
    const error = await expectTrpcError(
      as(me).profile.createAvatarUpload({ contentType: "image/webp", size: 1000 }),
      "TOO_MANY_REQUESTS",
      /Try again in/,
    );
    expect((error.cause as AppError).retryAt).toBeGreaterThan(Date.now());
    const other = await createUser();
    await expect(
      as(other).profile.createAvatarUpload({ contentType: "image/webp", size: 1000 }),
    ).resolves.toMatchObject({ uploadKey: expect.any(String) });
  });

  it("refuses confirmAvatar's malformed keys with BAD_REQUEST", async () => {
    const me = await createUser();
    await expectTrpcError(as(me).profile.confirmAvatar({ uploadKey: "" }), "BAD_REQUEST");
    await expectTrpcError(
      as(me).profile.confirmAvatar({ uploadKey: `uploads/avatars/${me.id}/${"a".repeat(200)}` }),
      "BAD_REQUEST",
    );
  });
});

describe("access", () => {
  type Caller = ReturnType<typeof callerFor>;
  const procedures: Record<string, (c: Caller, u: TestUser) => Promise<unknown>> = {
    byUsername: (c, u) => c.profile.byUsername({ username: u.username }),
    update: (c, u) => c.profile.update({ username: u.username, displayName: "Changed", bio: "changed" }),
    updatePrivacy: (c) =>
      c.profile.updatePrivacy({
        profileVisibility: "NOBODY",
        friendRequestPolicy: "NOBODY",
        callPolicy: "NOBODY",
        roomPolicy: "NOBODY",
      }),
    createAvatarUpload: (c) => c.profile.createAvatarUpload({ contentType: "image/png", size: 100 }),
    confirmAvatar: (c, u) => c.profile.confirmAvatar({ uploadKey: `uploads/avatars/${u.id}/${"0".repeat(32)}` }),
    removeAvatar: (c) => c.profile.removeAvatar(),
  };

  it.each(Object.entries(procedures))(
    "%s is UNAUTHORIZED signed out and FORBIDDEN to an admin without 2FA",
    async (_name, call) => {
      const admin = await createUser({ role: "ADMIN" });
      await expectRefusedUnchanged([admin.id], () => call(callerFor(null), admin), "UNAUTHORIZED");
      await expectRefusedUnchanged(
        [admin.id],
        () => call(callerFor({ id: admin.id, role: "ADMIN", needsTotp: true }), admin),
        "FORBIDDEN",
        /two-factor/,
      );
    },
  );
});
