import type { Browser, BrowserContext, Page, Route } from "@playwright/test";
import { expect, test } from "./fixtures";
import { e2eEnv } from "./e2e-env";
import { befriend, blockFromProfile, insertUser, newPerson, screen, signInWithSession, type E2EUser } from "./helpers";
import { startPrivateTurn } from "./private-turn";
import config from "./playwright.config";

/**
 * 1:1 video calls between real Chromium pages with fake camera/microphone, media relayed through the real coturn
 * (the e2e app runs with ICE_TRANSPORT_POLICY=relay). The people sign in once and share the file's journeys, in order.
 */
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
test.describe.configure({ mode: "serial" });

type Person = E2EUser & { id: string; context: BrowserContext; page: Page };
let ada: Person, bob: Person, carol: Person;
let adaThreadWithBob = "";

async function person(browser: Browser, firstName: string, options: { phone?: boolean } = {}): Promise<Person> {
  const user = await insertUser(firstName);
  const { context, page } = await newPerson(browser, options);
  // Lets the test read getStats() of the live RTCPeerConnection (window.__hearthCall); the app ignores it otherwise.
  await context.addInitScript(() => localStorage.setItem("hearth:expose-call", "1"));
  await signInWithSession(context, page, user);
  return { ...user, context, page };
}

test.beforeAll(async ({ browser }) => {
  ada = await person(browser, "Ada");
  bob = await person(browser, "Bob", { phone: true });
  carol = await person(browser, "Carol");
  await befriend(ada.id, bob.id);
  await befriend(carol.id, bob.id);
});
test.afterAll(async () => {
  for (const p of [ada, bob, carol]) await p?.context.close();
});

const incoming = (p: Person, caller: Person) =>
  p.page.getByRole("dialog", { name: `Incoming call from ${caller.displayName}` });
const callScreen = (p: Person, other: Person) =>
  p.page.getByRole("dialog", { name: `Video call with ${other.displayName}` });

async function openThread(p: Person, other: Person) {
  await p.page.goto(`/u/${other.username}`);
  await p.page.getByRole("button", { name: "Message" }).click();
  await p.page.waitForURL("**/messages/*");
}

/** What the page's live connection reports: the selected pair, its local candidate type, decoded video frames. */
function connectionStats(page: Page) {
  return page.evaluate(async () => {
    const pc = (window as { __hearthCall?: { pc: RTCPeerConnection } }).__hearthCall?.pc;
    if (!pc) return null;
    const stats = [...(await pc.getStats()).values()] as Record<string, unknown>[];
    const transport = stats.find((s) => s.type === "transport" && s.selectedCandidatePairId);
    const pair = stats.find((s) => s.id === transport?.selectedCandidatePairId);
    const local = stats.find((s) => s.id === pair?.localCandidateId);
    const video = stats.find((s) => s.type === "inbound-rtp" && s.kind === "video");
    return {
      pairState: pair?.state,
      localCandidateType: local?.candidateType,
      framesDecoded: Number(video?.framesDecoded ?? 0),
    };
  });
}

test("a video call relayed through TURN: ring, answer, live media, mute and camera badges, recording with consent, busy, hang up", async () => {
  await openThread(ada, bob);
  adaThreadWithBob = ada.page.url();
  await ada.page.getByRole("button", { name: "Start video call" }).click();
  await expect(callScreen(ada, bob).getByText(`Calling ${bob.displayName}…`)).toBeVisible();
  await screen(ada.page, "calls", "desktop-calling");

  await test.step("Bob's phone rings; he accepts", async () => {
    await expect(incoming(bob, ada)).toBeVisible();
    await screen(bob.page, "calls", "phone-incoming");
    await incoming(bob, ada).getByRole("button", { name: "Accept" }).click();
    await expect(incoming(bob, ada)).toBeHidden();
  });

  await test.step("media flows both ways through the relay", async () => {
    for (const p of [bob, ada]) {
      await expect
        .poll(() => connectionStats(p.page), { timeout: 20_000 })
        .toMatchObject({ pairState: "succeeded", localCandidateType: "relay" });
      await expect
        .poll(async () => (await connectionStats(p.page))?.framesDecoded ?? 0, { timeout: 15_000 })
        .toBeGreaterThan(0);
    }
    await expect(ada.page.getByTestId("remote-video")).toBeVisible();
    await expect(bob.page.getByTestId("local-video")).toBeVisible();
    await expect(
      ada.page.getByText("End-to-end encrypted, peer to peer · relayed through our TURN server"),
    ).toBeVisible();
    await expect(bob.page.getByTestId("call-timer")).toHaveText(/^0:\d\d$/);
    await screen(ada.page, "calls", "desktop-in-call");
    await screen(bob.page, "calls", "phone-in-call");
  });

  await test.step("Ada mutes and turns her camera off; Bob sees both", async () => {
    await callScreen(ada, bob).getByRole("button", { name: "Mute" }).click();
    await expect(bob.page.getByText(/is muted/)).toBeVisible();
    await callScreen(ada, bob).getByRole("button", { name: "Turn camera off" }).click();
    await expect(bob.page.getByText("Camera off")).toBeVisible();
    await callScreen(ada, bob).getByRole("button", { name: "Unmute" }).click();
    await callScreen(ada, bob).getByRole("button", { name: "Turn camera on" }).click();
    await expect(bob.page.getByText(/is muted/)).toBeHidden();
    await expect(bob.page.getByText("Camera off")).toBeHidden();
  });

  await test.step("Bob shows as in a call to his friends", async () => {
    await carol.page.goto(`/u/${bob.username}`);
    await expect(carol.page.getByText("In a call")).toBeVisible();
  });

  await test.step("Carol calls Bob while he is in the call: busy", async () => {
    await carol.page.getByRole("button", { name: "Start video call" }).click();
    await expect(callScreen(carol, bob).getByText(`${bob.displayName} is in another call`)).toBeVisible();
    await carol.page.getByRole("button", { name: "Close" }).click();
    await expect(incoming(bob, carol)).toBeHidden();
  });

  await test.step("Ada records: only after Bob's screen says so, then it lands in their conversation", async () => {
    await callScreen(ada, bob).getByRole("button", { name: "Record" }).click();
    await expect(bob.page.getByText(`${ada.displayName} is recording this call`)).toBeVisible();
    await expect(ada.page.getByText("● Recording")).toBeVisible();
    await screen(bob.page, "calls", "phone-recording-banner");
    await callScreen(ada, bob).getByRole("button", { name: "Stop recording" }).click();
    await expect(bob.page.getByText(`${ada.displayName} is recording this call`)).toBeHidden();
    await expect(callScreen(ada, bob).getByRole("button", { name: "Record" })).toBeEnabled();
  });

  await test.step("Ada hangs up: both see the call end, and the thread records it", async () => {
    await callScreen(ada, bob).getByRole("button", { name: "Hang up" }).click();
    await expect(callScreen(ada, bob).getByText(/Call ended/)).toBeVisible();
    await expect(callScreen(bob, ada).getByText(/Call ended · 0:\d\d/)).toBeVisible();
    await screen(bob.page, "calls", "phone-ended");
    await ada.page.getByRole("button", { name: "Close" }).click();
    await bob.page.getByRole("button", { name: "Close" }).click();
    const thread = ada.page.getByRole("log", { name: "Messages" });
    await expect(thread.getByRole("link", { name: /Call recording .*\.webm/ })).toBeVisible();
    await expect(thread.getByText(/call · \d+:\d\d/i).first()).toBeVisible();
  });
});

test("Bob declines a call from his profile page", async () => {
  await ada.page.goto(`/u/${bob.username}`);
  await ada.page.getByRole("button", { name: "Start video call" }).click();
  await incoming(bob, ada).getByRole("button", { name: "Decline" }).click();
  await expect(callScreen(ada, bob).getByText(`${bob.displayName} declined`)).toBeVisible();
  await screen(ada.page, "calls", "desktop-declined");
  await ada.page.getByRole("button", { name: "Close" }).click();
});

test("nobody answers for 30 seconds: missed", async () => {
  test.setTimeout(60_000);
  await carol.page.goto(`/u/${bob.username}`);
  await carol.page.getByRole("button", { name: "Start video call" }).click();
  await expect(incoming(bob, carol)).toBeVisible();
  // A page opened mid-ring asks the server for the call and rings too.
  await bob.page.reload();
  await expect(incoming(bob, carol)).toBeVisible();
  await expect(callScreen(carol, bob).getByText("No answer")).toBeVisible({ timeout: 40_000 });
  await expect(incoming(bob, carol)).toBeHidden();
  await carol.page.getByRole("button", { name: "Close" }).click();
});

test("a rejected TURN credential: the call fails after the connect timeout", async () => {
  test.setTimeout(60_000);
  await ada.page.route(/calls\.iceServers/, async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace(/"credential":"[^"]*"/g, '"credential":"not-the-right-one"');
    await route.fulfill({ response, body });
  });
  await ada.page.goto(`/u/${bob.username}`);
  await ada.page.getByRole("button", { name: "Start video call" }).click();
  await incoming(bob, ada).getByRole("button", { name: "Accept" }).click();
  await expect(callScreen(ada, bob).getByText("Connecting…")).toBeVisible();
  await expect(callScreen(ada, bob).getByText(/Call failed/)).toBeVisible({ timeout: 30_000 });
  await expect(callScreen(bob, ada).getByText(/Call failed/)).toBeVisible();
  await screen(ada.page, "calls", "desktop-failed");
  await ada.page.unroute(/calls\.iceServers/);
  for (const p of [ada, bob]) await p.page.getByRole("button", { name: "Close" }).click();
});

test("the relay drops mid-call: reconnecting, back when it returns; gone for good, the call fails", async () => {
  test.setTimeout(120_000);
  // Both browsers relay through a coturn of this test's own, which it can pause (a dropped path) and resume.
  const turn = await startPrivateTurn(e2eEnv().TURN_SECRET!);
  const viaPrivateTurn = async (route: Route) => {
    const response = await route.fetch();
    await route.fulfill({
      response,
      body: (await response.text()).replaceAll("127.0.0.1:3478", `127.0.0.1:${turn.port}`),
    });
  };
  try {
    for (const p of [ada, bob]) await p.page.route(/calls\.iceServers/, viaPrivateTurn);
    await ada.page.goto(`/u/${bob.username}`);
    await ada.page.getByRole("button", { name: "Start video call" }).click();
    await incoming(bob, ada).getByRole("button", { name: "Accept" }).click();
    await expect
      .poll(async () => (await connectionStats(bob.page))?.framesDecoded ?? 0, { timeout: 20_000 })
      .toBeGreaterThan(0);

    await test.step("the relay stops answering: both show reconnecting", async () => {
      turn.pause();
      await expect(callScreen(ada, bob).getByText("Reconnecting…")).toBeVisible({ timeout: 15_000 });
      await expect(callScreen(bob, ada).getByText("Reconnecting…")).toBeVisible({ timeout: 15_000 });
      await screen(bob.page, "calls", "phone-reconnecting");
    });

    await test.step("the relay is back: the call recovers and video flows again", async () => {
      const before = (await connectionStats(bob.page))?.framesDecoded ?? 0;
      turn.resume();
      await expect(callScreen(ada, bob).getByText("Reconnecting…")).toBeHidden({ timeout: 15_000 });
      await expect(callScreen(bob, ada).getByText("Reconnecting…")).toBeHidden({ timeout: 15_000 });
      await expect
        .poll(async () => (await connectionStats(bob.page))?.framesDecoded ?? 0, { timeout: 15_000 })
        .toBeGreaterThan(before);
      await expect(callScreen(bob, ada).getByTestId("call-timer")).toBeVisible();
    });

    await test.step("the relay goes away for good: reconnecting, then the call fails on both sides", async () => {
      turn.pause();
      await expect(callScreen(ada, bob).getByText("Reconnecting…")).toBeVisible({ timeout: 15_000 });
      await expect(callScreen(ada, bob).getByText("Call failed — the connection was lost")).toBeVisible({
        timeout: 30_000,
      });
      await expect(callScreen(bob, ada).getByText(/Call failed/)).toBeVisible({ timeout: 30_000 });
    });
  } finally {
    for (const p of [ada, bob]) await p.page.unroute(/calls\.iceServers/);
    await turn.stop();
  }
  for (const p of [ada, bob]) await p.page.getByRole("button", { name: "Close" }).click();
});

test("after Bob blocks Ada she cannot call him", async () => {
  await bob.page.goto(`/u/${ada.username}`);
  await blockFromProfile(bob.page, ada.displayName);
  await bob.page.waitForURL("**/friends?tab=blocked");
  await ada.page.goto(`/u/${bob.username}`);
  await expect(ada.page.getByText("This profile isn't available")).toBeVisible();
  await ada.page.goto(adaThreadWithBob);
  await expect(
    ada.page
      .getByRole("button", { name: "Back to messages" })
      .or(ada.page.getByRole("link", { name: "Back to messages" }))
      .first(),
  ).toBeVisible();
  await expect(ada.page.getByRole("button", { name: "Start video call" })).toHaveCount(0);
  const refused = await ada.page.request.post("/api/trpc/calls.start?batch=1", {
    data: { 0: { json: { calleeId: bob.id, deviceId: "e2eDevice0001" } } },
  });
  expect(await refused.text()).toContain("NOT_FOUND");
});
