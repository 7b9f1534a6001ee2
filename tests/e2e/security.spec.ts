import { e2eEnv } from "./e2e-env";
import { expect, takeCspViolations, test } from "./fixtures";
import { insertUser, signInWithSession, sql, submitSignIn } from "./helpers";

// The app is served by web/server.ts: the client's address comes from the socket (no TRUSTED_PROXIES here), never
// from a header the client wrote. Per-IP rate limits and the audit log both key on it.
test("a forged X-Forwarded-For does not change who the server thinks is calling", async ({ browser }) => {
  const ada = await insertUser("Ada");
  const context = await browser.newContext({
    extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.77", "X-Real-IP": "203.0.113.78" },
  });
  const page = await context.newPage();
  await submitSignIn(page, ada.email, "not the password at all");
  await expect(
    page.getByRole("alert").filter({ hasText: "That email and password do not match an account." }),
  ).toBeVisible();
  const [failure] = await sql<{ ip: string | null }>(
    `SELECT ip FROM "AuditEvent" WHERE action = 'account.sign-in-failed' AND "userId" = $1 ORDER BY "createdAt" DESC LIMIT 1`,
    [ada.id],
  );
  expect(failure?.ip).toMatch(/^(127\.0\.0\.1|::1)$/);
  await context.close();
});

// Every other journey (chat, 1:1 calls, rooms with the Jitsi test double) runs under the same policy and fails on any
// violation (fixtures.ts); this one shows the policy has teeth.
test("pages carry a per-response nonce CSP: Hearth's scripts run, an injected one is refused, other sites can neither frame nor write", async ({
  page,
  context,
}) => {
  const response = await page.goto("/sign-in");
  const headers = response!.headers();
  const csp = headers["content-security-policy"]!;
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce, "a nonce in script-src").toBeTruthy();
  expect(csp).toContain(`script-src 'self' 'nonce-${nonce}' https://${e2eEnv().JITSI_DOMAIN};`);
  expect(csp).toContain(`frame-src https://${e2eEnv().JITSI_DOMAIN};`);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain("unsafe-eval");
  expect(headers["permissions-policy"]).toContain(`camera=(self "https://${e2eEnv().JITSI_DOMAIN}")`);
  expect(headers["x-frame-options"]).toBe("DENY");
  const again = (await page.request.get("/sign-in")).headers()["content-security-policy"];
  expect(again, "a fresh nonce per response").not.toBe(csp);

  // Next's inline scripts carry this response's nonce, and the page works (it hydrated: the form signs in below).
  const inline = await page.evaluate(() => [...document.scripts].filter((s) => !s.src).map((s) => s.nonce));
  expect(inline.length).toBeGreaterThan(0);
  expect(new Set(inline)).toEqual(new Set([nonce]));

  // A script an attacker managed to insert does not run, and the browser says why.
  const directive = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        document.addEventListener("securitypolicyviolation", (event) => resolve(event.effectiveDirective), {
          once: true,
        });
        const script = document.createElement("script");
        script.textContent = "window.__injected = true";
        document.body.append(script);
      }),
  );
  expect(directive).toBe("script-src-elem");
  expect(await page.evaluate(() => (window as { __injected?: boolean }).__injected)).toBeUndefined();
  const refused: string[] = [];
  await expect.poll(() => refused.push(...takeCspViolations())).toBeGreaterThan(0);
  expect(refused.join("\n")).toMatch(
    /inline script violates the following Content Security Policy directive .script-src/,
  );

  // A write another site's page sends with the visitor's cookies is refused before it reaches any procedure.
  const ada = await insertUser("Ada");
  await signInWithSession(context, page, ada);
  const forged = await page.request.post("/api/trpc/account.signOutEverywhere", {
    headers: { Origin: "https://evil.example", "Content-Type": "application/json" },
    data: {},
  });
  expect(forged.status()).toBe(403);
  expect(await forged.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
  await page.reload();
  await expect(page.getByRole("heading", { name: `Hi, ${ada.displayName}` })).toBeVisible();
});
