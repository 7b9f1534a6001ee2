import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { jwtVerify } from "jose";
import { generateTotpSecret, totpCode } from "../../web/src/server/services/accounts/totp";
import { e2eEnv } from "./e2e-env";
import {
  befriend,
  insertUser,
  newPerson,
  PHONE,
  screen,
  signInWithSession,
  sql,
  submitSignIn,
  token,
  type E2EUser,
} from "./helpers";
import config from "./playwright.config";
import {
  emitJitsi,
  installJitsiDouble,
  jitsiInstances,
  jitsiScriptLoads,
  joinJitsi,
  type JitsiDoubleInstance,
} from "./jitsi-double";

/**
 * Group calls and rooms in the browser. Jitsi itself cannot run here: every page gets the IFrame API TEST DOUBLE
 * (./jitsi-double.ts) in place of https://jitsi.hearth.test/external_api.js, which records what the page passed to
 * Jitsi and lets the test replay Jitsi's events. Every token it received is checked against the Prosody contract.
 */

const env = e2eEnv();
// "Add people" needs a real 1:1 call first (as in calls.spec.ts): fake camera and microphone, media relayed by coturn.
const base = config.use!.launchOptions!;
test.use({
  launchOptions: {
    ...base,
    args: [
      ...base.args!,
      "--use-fake-ui-for-media-stream",
      "--use-fake-device-for-media-stream",
      "--allow-loopback-in-peer-connection",
    ],
  },
});
type Person = E2EUser & { id: string };

/** A tRPC mutation through the page's session (for setting up what a journey is not about). */
async function mutate<T>(page: Page, path: string, input: unknown): Promise<T> {
  const response = await page.request.post(`/api/trpc/${path}`, { data: { json: input } });
  const body = (await response.json()) as { result?: { data: { json: T } }; error?: unknown };
  if (!body.result) throw new Error(`${path}: ${JSON.stringify(body.error)}`);
  return body.result.data.json;
}

/** A signed-in person in their own browser context, with the Jitsi test double installed. */
async function signedIn(browser: Browser, user: Person, options: { phone?: boolean } = {}) {
  const person = await newPerson(browser, options);
  await installJitsiDouble(person.context);
  await signInWithSession(person.context, person.page, user);
  return person;
}

/** The newest instance the page constructed (waits for it). */
async function newestInstance(page: Page, count: number): Promise<JitsiDoubleInstance> {
  await expect
    .poll(async () => (await jitsiInstances(page)).length, { message: "JitsiMeetExternalAPI constructed" })
    .toBe(count);
  return (await jitsiInstances(page))[count - 1]!;
}

/** Verifies the token the page handed to Jitsi exactly as Prosody would, and returns its claims. */
async function verifyToken(
  instance: JitsiDoubleInstance,
  expected: { userId: string; moderator: boolean; lobbyBypass: boolean },
) {
  expect(instance.domain).toBe("jitsi.hearth.test");
  expect(instance.roomName).toMatch(/^hearth-[a-z2-7]{24,}$/);
  const { payload, protectedHeader } = await jwtVerify(instance.jwt, new TextEncoder().encode(env.JITSI_APP_SECRET), {
    algorithms: ["HS256"],
    issuer: "hearth",
    audience: "hearth",
    subject: "meet.jitsi",
  });
  expect(protectedHeader).toMatchObject({ alg: "HS256", typ: "JWT" });
  expect(payload.room).toBe(instance.roomName);
  const user = (payload.context as { user: Record<string, unknown> }).user;
  expect(user).toMatchObject({
    id: expected.userId,
    moderator: expected.moderator,
    lobby_bypass: expected.lobbyBypass,
    affiliation: expected.moderator ? "owner" : "member",
  });
  expect(user).not.toHaveProperty("email");
  expect(payload.nbf!).toBeLessThan(payload.iat!);
  expect(payload.iat!).toBeLessThan(payload.exp!);
  return payload;
}

/** Posts a Prosody event_sync delivery to the webhook, as Jitsi would (with the shared secret). */
async function prosody(page: Page, path: string, body: Record<string, unknown>) {
  const response = await page.request.post(`/api/jitsi/events/${path}`, {
    data: body,
    headers: { "x-hearth-webhook-secret": env.JITSI_WEBHOOK_SECRET! },
  });
  expect(response.status(), await response.text()).toBe(200);
}

/** Ada and Bob, friends, each signed in in their own browser, in a new group of two (Ada its admin). */
async function groupOfTwo(browser: Browser, groupName: string) {
  const ada = await insertUser("Ada");
  const bob = await insertUser("Bob");
  await befriend(ada.id, bob.id);
  const a = await signedIn(browser, ada);
  const b = await signedIn(browser, bob);
  const { conversationId } = await mutate<{ conversationId: string }>(a.page, "chat.createGroup", {
    name: groupName,
    memberIds: [bob.id],
  });
  return { ada, bob, a, b, conversationId };
}

test("group call: Ada starts it from the group thread, Bob is rung, sees the live banner once Jitsi reports the room, and joins", async ({
  browser,
}) => {
  const groupName = `Book club ${token(4)}`;
  const { ada, bob, a, b, conversationId } = await groupOfTwo(browser, groupName);

  let ada1!: JitsiDoubleInstance;
  await test.step("Ada starts the call: her page constructs Jitsi for the group's room with her moderator token", async () => {
    await a.page.goto(`/messages/${conversationId}`);
    await a.page.getByRole("button", { name: "Start group call" }).click();
    await a.page.waitForURL(/\/rooms\/[^/?]+\?join=1$/);
    ada1 = await newestInstance(a.page, 1);
    await verifyToken(ada1, { userId: ada.id, moderator: true, lobbyBypass: true });
    expect(ada1.userInfo).toEqual({ displayName: ada.displayName });
    expect(ada1.hadParentNode).toBe(true);
    expect(ada1.configOverwrite).toMatchObject({
      prejoinConfig: { enabled: true },
      disableInviteFunctions: true,
      startWithAudioMuted: false,
    });
    await expect(a.page.getByTestId("jitsi-double")).toBeVisible();
  });

  await test.step("Bob is rung with a Join / Dismiss dialog", async () => {
    const ring = b.page.getByRole("dialog", { name: `${ada.displayName} started a group call in ${groupName}` });
    await expect(ring).toBeVisible();
    await screen(b.page, "rooms", "ringing");
    await ring.getByRole("button", { name: "Dismiss" }).click();
    await expect(ring).toBeHidden();
  });

  const roomId = new URL(a.page.url()).pathname.split("/").pop()!;
  // When Jitsi's room was created (the webhook's room/created below); room/destroyed names the same instance.
  let roomCreatedAt = 0;
  await test.step("Ada's page follows Jitsi's events: joined, someone else, recording, ready to close", async () => {
    expect(await joinJitsi(a.page, { id: "ada0001", roomName: ada1.roomName, displayName: ada.displayName })).toBe(
      true,
    );
    await expect(a.page.getByTestId("meeting-people")).toHaveText("Just you");
    await emitJitsi(a.page, "participantJoined", { id: "bob0002", displayName: bob.displayName });
    await expect(a.page.getByTestId("meeting-people")).toHaveText("2 people");
    await emitJitsi(a.page, "recordingStatusChanged", { on: true, mode: "file" });
    await expect(a.page.getByText("Recording", { exact: true })).toBeVisible();
    await screen(a.page, "rooms", "in-meeting");
    await emitJitsi(a.page, "participantLeft", { id: "bob0002" });
    await expect(a.page.getByTestId("meeting-people")).toHaveText("Just you");
  });

  await test.step("Bob opens the group: no banner until Jitsi's webhook says the room is live", async () => {
    await b.page.goto(`/messages/${conversationId}`);
    await expect(b.page.getByRole("heading", { name: groupName })).toBeVisible();
    await expect(b.page.getByText("Group call in progress")).toBeHidden();
    const t0 = Math.floor(Date.now() / 1000);
    roomCreatedAt = t0;
    const base = { room_name: ada1.roomName, room_jid: `${ada1.roomName}@muc.meet.jitsi`, is_breakout: false };
    await prosody(b.page, "room/created", { event_name: "muc-room-created", ...base, created_at: t0 });
    await prosody(b.page, "occupant/joined", {
      event_name: "muc-occupant-joined",
      ...base,
      active_occupants_count: 1,
      occupant: {
        occupant_jid: `${ada1.roomName}@muc.meet.jitsi/ada0001`,
        joined_at: t0,
        name: ada.displayName,
        id: ada.id,
      },
    });
    const banner = b.page.getByRole("status").filter({ hasText: "Group call in progress" });
    await expect(banner).toContainText("1 person");
    await screen(b.page, "rooms", "live-banner");
    // A page opened while the call is running shows the banner straight away (rooms.groupCallState).
    await b.page.reload();
    await expect(banner).toContainText("1 person");
    await b.page.setViewportSize(PHONE);
    await screen(b.page, "rooms", "live-banner-phone");
    await banner.getByRole("button", { name: "Join" }).click();
    await b.page.waitForURL(`**/rooms/${roomId}?join=1`);
    await verifyToken(await newestInstance(b.page, 1), { userId: bob.id, moderator: false, lobbyBypass: true });
  });

  await test.step("ready to close goes back to the pre-join panel; joining again asks for a new ticket, and the script is loaded once", async () => {
    await emitJitsi(a.page, "readyToClose");
    await expect(a.page.getByText("You left the meeting.")).toBeVisible();
    const rejoin = a.page.waitForRequest((r) => r.url().includes("/api/trpc/") && r.url().includes("rooms.join"));
    await a.page.getByRole("button", { name: "Join again" }).click();
    await rejoin;
    const ada2 = await newestInstance(a.page, 2);
    expect((await jitsiInstances(a.page))[0]!.disposed).toBe(true);
    await verifyToken(ada2, { userId: ada.id, moderator: true, lobbyBypass: true });
    expect(await jitsiScriptLoads(a.page)).toBe(1);
    expect(await a.page.locator('script[src$="/external_api.js"]').count()).toBe(1);
    await a.page.getByRole("button", { name: "Leave" }).click();
    await expect(a.page.getByRole("button", { name: "Join again" })).toBeVisible();
    expect((await jitsiInstances(a.page))[1]!.commands.map((c) => c.name)).toContain("hangup");
  });

  await test.step("Jitsi reports the call over: the banner goes, the group gets its call entry, Bob's Calls page lists it", async () => {
    const base = { room_name: ada1.roomName, room_jid: `${ada1.roomName}@muc.meet.jitsi`, is_breakout: false };
    const t = Math.floor(Date.now() / 1000);
    const adaJid = `${ada1.roomName}@muc.meet.jitsi/ada0001`;
    const bobJid = `${ada1.roomName}@muc.meet.jitsi/bob0001`;
    await b.page.goto(`/messages/${conversationId}`);
    await expect(b.page.getByText("Group call in progress")).toBeVisible();
    await prosody(b.page, "occupant/joined", {
      event_name: "muc-occupant-joined",
      ...base,
      active_occupants_count: 2,
      occupant: { occupant_jid: bobJid, joined_at: t, name: bob.displayName, id: bob.id },
    });
    await prosody(b.page, "occupant/left", {
      event_name: "muc-occupant-left",
      ...base,
      active_occupants_count: 1,
      occupant: { occupant_jid: bobJid, joined_at: t, left_at: t + 65, name: bob.displayName, id: bob.id },
    });
    await prosody(b.page, "room/destroyed", {
      event_name: "muc-room-destroyed",
      ...base,
      created_at: roomCreatedAt,
      destroyed_at: t + 70,
      all_occupants: [
        { occupant_jid: adaJid, joined_at: roomCreatedAt, left_at: t + 70, name: ada.displayName, id: ada.id },
      ],
    });
    await expect(b.page.getByText("Group call in progress")).toBeHidden();
    await expect(b.page.getByRole("log", { name: "Messages" }).getByText(/Group call · \d+:\d\d/)).toBeVisible();
    await b.page.goto("/calls");
    const entry = b.page.getByRole("list", { name: "Group calls and meetings" }).getByRole("listitem").first();
    await expect(entry).toContainText(groupName);
    await expect(entry).toContainText(`with ${ada.displayName.split(" ")[0]} · 1:05`);
    await screen(b.page, "rooms", "calls-history");
  });

  await a.context.close();
  await b.context.close();
});

test("removed from the group mid-call: Bob's meeting page leaves and says why; Ada, in the call, is told he may still be there", async ({
  browser,
}) => {
  const { bob, a, b, conversationId } = await groupOfTwo(browser, `Walks ${token(4)}`);
  await a.page.goto(`/messages/${conversationId}`);
  await a.page.getByRole("button", { name: "Start group call" }).click();
  await a.page.waitForURL(/\/rooms\/[^/?]+\?join=1$/);
  const roomId = new URL(a.page.url()).pathname.split("/").pop()!;
  const adaRoom = await newestInstance(a.page, 1);
  expect(await joinJitsi(a.page, { id: "ada0001" })).toBe(true);
  await b.page.goto(`/rooms/${roomId}?join=1`);
  await newestInstance(b.page, 1);
  await joinJitsi(b.page, { id: "bob0002" });
  await expect(b.page.getByTestId("meeting-people")).toHaveText("Just you");
  // Jitsi's webhook has Bob in the call.
  const t = Math.floor(Date.now() / 1000);
  const base = { room_name: adaRoom.roomName, room_jid: `${adaRoom.roomName}@muc.meet.jitsi`, is_breakout: false };
  await prosody(a.page, "room/created", { event_name: "muc-room-created", ...base, created_at: t });
  await prosody(a.page, "occupant/joined", {
    event_name: "muc-occupant-joined",
    ...base,
    active_occupants_count: 1,
    occupant: { occupant_jid: `bob@meet.jitsi/${token(6)}`, joined_at: t, name: bob.displayName, id: bob.id },
  });

  await mutate(a.page, "chat.removeMember", { conversationId, userId: bob.id });
  await expect(b.page.getByText("You were removed from the group, so you left its call.")).toBeVisible();
  expect((await jitsiInstances(b.page))[0]!.commands.map((c) => c.name)).toContain("hangup");
  await expect(b.page.getByTestId("jitsi-double")).toHaveCount(0);
  const warning = a.page.getByRole("alert").filter({ hasText: `${bob.displayName} was removed from the group` });
  await expect(warning).toContainText("Kick out");
  await screen(a.page, "rooms", "access-warning");
  await warning.getByRole("button", { name: "Dismiss" }).click();
  await expect(warning).toBeHidden();
  await a.context.close();
  await b.context.close();
});

test("profile room: the owner is moderator and turns the lobby on, a friend walks in, a friend of a friend knocks", async ({
  browser,
}) => {
  const olivia = await insertUser("Olivia");
  const fred = await insertUser("Fred");
  const kim = await insertUser("Kim");
  await befriend(olivia.id, fred.id);
  await befriend(fred.id, kim.id);

  const o = await signedIn(browser, olivia);
  await test.step("Olivia opens her own room from her profile; once Jitsi makes her moderator she switches its lobby on", async () => {
    await o.page.goto(`/u/${olivia.username}`);
    const card = o.page.getByRole("region", { name: "Room" });
    await expect(card.getByRole("heading", { name: "Your room" })).toBeVisible();
    await screen(o.page, "rooms", "profile-own-room");
    await card.getByRole("button", { name: "Open your room" }).click();
    await o.page.waitForURL(/\/rooms\/[^/?]+$/);
    await expect(o.page.getByText("You own this room")).toBeVisible();
    await o.page.getByRole("button", { name: "Join", exact: true }).click();
    const instance = await newestInstance(o.page, 1);
    await verifyToken(instance, { userId: olivia.id, moderator: true, lobbyBypass: true });
    expect(instance.configOverwrite).toMatchObject({ enableLobbyChat: true });
    // Jitsi's real order: joined while still a participant (lib-jitsi-meet would refuse the lobby switch now)...
    await emitJitsi(o.page, "videoConferenceJoined", { id: "oli00001" });
    await expect(o.page.getByTestId("meeting-people")).toHaveText("Just you");
    // another participant's promotion is not hers...
    await emitJitsi(o.page, "participantRoleChanged", { id: "someone-else", role: "moderator" });
    await o.page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
    expect((await jitsiInstances(o.page))[0]!.commands.map((c) => c.name)).not.toContain("toggleLobby");
    // ...then the presence carrying the owner affiliation from her token: now she is moderator and switches it on.
    await emitJitsi(o.page, "participantRoleChanged", { id: "oli00001", role: "moderator" });
    await expect
      .poll(async () => (await jitsiInstances(o.page))[0]!.commands)
      .toContainEqual({ name: "toggleLobby", args: [true] });
  });

  await test.step("Fred, a friend, walks straight in", async () => {
    const f = await signedIn(browser, fred);
    await f.page.goto(`/u/${olivia.username}`);
    const join = f.page.getByRole("button", { name: `Join ${olivia.displayName.split(" ")[0]}'s room` });
    await expect(join).toBeVisible();
    await screen(f.page, "rooms", "profile-room");
    await join.click();
    await expect(f.page.getByText("You can walk straight in")).toBeVisible();
    await f.page.getByRole("button", { name: "Join", exact: true }).click();
    await verifyToken(await newestInstance(f.page, 1), { userId: fred.id, moderator: false, lobbyBypass: true });
    await f.context.close();
  });

  await test.step("Kim, a friend of a friend, is told the host will let her in, and her token does not bypass the lobby", async () => {
    const k = await signedIn(browser, kim, { phone: true });
    await k.page.goto(`/u/${olivia.username}`);
    await k.page.getByRole("button", { name: `Join ${olivia.displayName.split(" ")[0]}'s room` }).click();
    await expect(k.page.getByText("The host will let you in")).toBeVisible();
    await screen(k.page, "rooms", "pre-join-lobby-phone");
    await k.page.getByRole("button", { name: "Ask to join" }).click();
    await verifyToken(await newestInstance(k.page, 1), { userId: kim.id, moderator: false, lobbyBypass: false });
    await screen(k.page, "rooms", "in-meeting-phone");
    await k.context.close();
  });
  await o.context.close();
});

test("meetings: Ada plans one (field errors first), invitees see it in Meetings and join; an outsider finds nothing", async ({
  browser,
}) => {
  const ada = await insertUser("Ada");
  const bob = await insertUser("Bob");
  const cara = await insertUser("Cara");
  const dan = await insertUser("Dan");
  await befriend(ada.id, bob.id);
  await befriend(ada.id, cara.id);
  const a = await signedIn(browser, ada);
  const title = `Planning ${token(4)}`;

  await test.step("from Calls to Meetings to the New meeting form; mistakes are shown beside their fields", async () => {
    await a.page.goto("/calls");
    await a.page.getByRole("main").getByRole("link", { name: "Meetings" }).click();
    await a.page.waitForURL("**/rooms");
    await a.page.getByRole("link", { name: "New meeting" }).click();
    await a.page.waitForURL("**/rooms/new");
    await a.page.getByRole("button", { name: "Create meeting" }).click();
    await expect(a.page.getByText("Give the meeting a title.")).toBeVisible();
    await a.page.getByLabel("Title").fill(title);
    await a.page.getByLabel("Description").fill("Agenda: everything.");
    await a.page.getByLabel("Starts").fill("2031-05-06T10:00");
    await a.page.getByLabel("Ends").fill("2031-05-06T09:00");
    await a.page.getByRole("button", { name: "Create meeting" }).click();
    await expect(a.page.getByText("The meeting must end after it starts.")).toBeVisible();
    await a.page.getByLabel("Ends").fill("2031-05-06T11:00");
    await a.page
      .getByRole("group", { name: /Invite friends/ })
      .getByLabel(new RegExp(bob.displayName))
      .check();
    await a.page
      .getByRole("group", { name: /Invite friends/ })
      .getByLabel(new RegExp(cara.displayName))
      .check();
    await a.page.getByRole("group", { name: "Hosts" }).getByLabel(new RegExp(bob.displayName)).check();
    await screen(a.page, "rooms", "new-meeting");
    await a.page.getByRole("button", { name: "Create meeting" }).click();
    // Creating it opens the meeting's own page; Meetings lists it.
    await a.page.waitForURL(/\/rooms\/[^/]+$/);
    await expect(a.page.getByRole("heading", { name: title })).toBeVisible();
    await a.page.goto("/rooms");
    const item = a.page
      .getByRole("list", { name: "Upcoming meetings" })
      .getByRole("listitem")
      .filter({ hasText: title });
    await expect(item).toBeVisible();
    await expect(item.getByRole("link", { name: "Add to calendar" })).toHaveAttribute(
      "href",
      /^\/api\/rooms\/[^/]+\/ics$/,
    );
    const ics = await a.page.request.get(
      (await item.getByRole("link", { name: "Add to calendar" }).getAttribute("href"))!,
    );
    expect(ics.headers()["content-type"]).toContain("text/calendar");
    expect(await ics.text()).toMatch(/BEGIN:VEVENT[\s\S]*SUMMARY:/);
    await screen(a.page, "rooms", "meetings");
  });
  const meetingPath = (await a.page.getByRole("link", { name: title }).getAttribute("href"))!;

  await test.step("Bob (a host) finds it in Meetings and joins as a moderator", async () => {
    const b = await signedIn(browser, bob, { phone: true });
    await b.page.goto("/rooms");
    const item = b.page.getByRole("listitem").filter({ hasText: title });
    await expect(item.getByText("Host", { exact: true })).toBeVisible();
    await screen(b.page, "rooms", "meetings-phone");
    await item.getByRole("link", { name: "Open" }).click();
    await expect(b.page.getByRole("heading", { name: title })).toBeVisible();
    await expect(b.page.getByText("You are a host")).toBeVisible();
    await screen(b.page, "rooms", "pre-join-phone");
    await b.page.getByRole("button", { name: "Join", exact: true }).click();
    await verifyToken(await newestInstance(b.page, 1), { userId: bob.id, moderator: true, lobbyBypass: true });
    await b.context.close();
  });

  await test.step("Cara (invited) joins as a participant", async () => {
    const c = await signedIn(browser, cara);
    await c.page.goto(meetingPath);
    await expect(c.page.getByText("You are invited")).toBeVisible();
    await screen(c.page, "rooms", "pre-join");
    await c.page.getByRole("button", { name: "Join", exact: true }).click();
    await verifyToken(await newestInstance(c.page, 1), { userId: cara.id, moderator: false, lobbyBypass: true });
    await c.context.close();
  });

  await test.step("Dan, not invited, sees that the room isn't available, and Jitsi is never loaded", async () => {
    const d = await signedIn(browser, dan);
    await d.page.goto(meetingPath);
    await expect(d.page.getByText("This room isn't available")).toBeVisible();
    expect(await jitsiInstances(d.page)).toEqual([]);
    // Nor its calendar file: a 404, as for a meeting that does not exist.
    const ics = await d.page.request.get(`/api/rooms/${meetingPath.split("/").pop()}/ics`);
    expect(ics.status()).toBe(404);
    await d.context.close();
  });
  await a.context.close();
});

test("admin: the Jitsi defaults page (admins only); start muted reaches the next join's configOverwrite", async ({
  browser,
}) => {
  const admin = await insertUser("Root");
  const secret = generateTotpSecret();
  await sql(`UPDATE "User" SET role = 'ADMIN', "totpSecret" = $2, "totpEnabledAt" = now() WHERE id = $1`, [
    admin.id,
    secret,
  ]);
  const someone = await insertUser("Sam");

  await test.step("a non-admin gets a page that isn't there", async () => {
    const s = await signedIn(browser, someone);
    await s.page.goto("/admin/jitsi");
    await expect(s.page.getByText("This page isn't available")).toBeVisible();
    await expect(s.page.getByRole("link", { name: "Admin" })).toHaveCount(0);
    await s.context.close();
  });

  const { context, page } = await newPerson(browser);
  await installJitsiDouble(context);
  try {
    await test.step("the admin signs in with a second factor and mutes microphones at the start", async () => {
      await submitSignIn(page, admin.email, admin.password);
      await page.getByLabel("Two-factor code").fill(totpCode(secret, Date.now()));
      await page.getByRole("button", { name: "Verify and sign in" }).click();
      await page.waitForURL((url) => url.pathname === "/");
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
      await page.waitForURL("**/admin/jitsi");
      await page.getByLabel("Start with microphones muted").check();
      await screen(page, "rooms", "admin");
      await page.getByRole("button", { name: "Save defaults" }).click();
      await expect(page.getByText("Jitsi defaults saved.")).toBeVisible();
      await page.setViewportSize({ width: 390, height: 844 });
      await screen(page, "rooms", "admin-phone");
      await page.setViewportSize({ width: 1280, height: 720 });
    });

    await test.step("the next join carries startWithAudioMuted", async () => {
      const room = await mutate<{ id: string }>(page, "rooms.forProfile", { userId: admin.id });
      await page.goto(`/rooms/${room.id}`);
      await page.getByRole("button", { name: "Join", exact: true }).click();
      const instance = await newestInstance(page, 1);
      expect(instance.configOverwrite).toMatchObject({ startWithAudioMuted: true });
    });
  } finally {
    // The defaults are one row for the whole app: put them back for the other journeys.
    await sql(`UPDATE "JitsiSettings" SET "startAudioMuted" = false WHERE id = 1`);
    await context.close();
  }
});

test.describe("add people to a 1:1 call", () => {
  test("Ada adds Cara to her call with Bob: both move into a room (as hosts), Cara is rung and joins", async ({
    browser,
  }) => {
    const ada = await insertUser("Ada");
    const bob = await insertUser("Bob");
    const cara = await insertUser("Cara");
    await befriend(ada.id, bob.id);
    await befriend(ada.id, cara.id);
    const a = await signedIn(browser, ada);
    const b = await signedIn(browser, bob);
    const c = await signedIn(browser, cara);

    await a.page.goto(`/u/${bob.username}`);
    await a.page.getByRole("button", { name: "Start video call" }).click();
    await b.page
      .getByRole("dialog", { name: `Incoming call from ${ada.displayName}` })
      .getByRole("button", { name: "Accept" })
      .click();
    const addPeople = a.page.getByRole("button", { name: "Add people" });
    await expect(addPeople).toBeEnabled({ timeout: 20_000 });
    await addPeople.click();
    const dialog = a.page.getByRole("dialog", { name: "Add people to this call" });
    await dialog.getByLabel(new RegExp(cara.displayName)).check();
    await screen(a.page, "rooms", "add-people");
    await dialog.getByRole("button", { name: "Add and move to group call" }).click();

    await a.page.waitForURL(/\/rooms\/[^/?]+\?join=1$/);
    const roomPath = new URL(a.page.url()).pathname;
    await b.page.waitForURL(`**${roomPath}?join=1`);
    await expect(a.page.getByRole("dialog", { name: `Video call with ${bob.displayName}` })).toBeHidden();
    await expect(b.page.getByRole("dialog", { name: `Video call with ${ada.displayName}` })).toBeHidden();
    const adaRoom = await newestInstance(a.page, 1);
    await verifyToken(adaRoom, { userId: ada.id, moderator: true, lobbyBypass: true });
    const bobRoom = await newestInstance(b.page, 1);
    await verifyToken(bobRoom, { userId: bob.id, moderator: true, lobbyBypass: true });
    expect(bobRoom.roomName).toBe(adaRoom.roomName);

    const ring = c.page.getByRole("dialog", { name: `${ada.displayName} added you to a call` });
    await ring.getByRole("button", { name: "Join" }).click();
    await c.page.waitForURL(`**${roomPath}?join=1`);
    const caraRoom = await newestInstance(c.page, 1);
    await verifyToken(caraRoom, { userId: cara.id, moderator: false, lobbyBypass: true });
    expect(caraRoom.roomName).toBe(adaRoom.roomName);
    for (const p of [a, b, c]) await p.context.close();
  });
});
