import { expect, test } from "@playwright/test";
import { insertUser, sql, submitSignIn } from "./helpers";

// The app is served by web/server.ts: the client's address comes from the socket (no TRUSTED_PROXIES here), never
// from a header the client wrote. Per-IP rate limits and the audit log both key on it.
test("a forged X-Forwarded-For does not change who the server thinks is calling", async ({ browser }) => {
  const ada = await insertUser("Ada");
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.77", "X-Real-IP": "203.0.113.78" } });
  const page = await context.newPage();
  await submitSignIn(page, ada.email, "not the password at all");
  await expect(page.getByRole("alert").filter({ hasText: "That email and password do not match an account." })).toBeVisible();
  const [failure] = await sql<{ ip: string | null }>(`SELECT ip FROM "AuditEvent" WHERE action = 'account.sign-in-failed' AND "userId" = $1 ORDER BY "createdAt" DESC LIMIT 1`, [ada.id]);
  expect(failure?.ip).toMatch(/^(127\.0\.0\.1|::1)$/);
  await context.close();
});
