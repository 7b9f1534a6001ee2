import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, describe, expect, it } from "vitest";
import { LegalMarkdown } from "@/components/legal/legal-markdown";
import { callerFor, createUser, freshIp, testDeps, unique } from "../helpers/deps";
import { expectTrpcError } from "../helpers/errors";

const deps = testDeps();
const storedDocuments = () => deps.db.legalDocument.findMany({ orderBy: { kind: "asc" } });

// The documents are one per server: every test starts from "nothing stored" (tests in a file run one at a time).
beforeEach(async () => {
  await deps.db.legalDocument.deleteMany();
});

describe("the privacy policy and terms", () => {
  it("are the committed defaults while nothing is stored, readable signed out, quoting this server's retention settings", async () => {
    const privacy = await callerFor(null).legal.document({ kind: "privacy" });
    expect(privacy).toMatchObject({ kind: "privacy", version: 1, updatedAt: null, isDefault: true });
    expect(privacy.markdown).toMatch(/^# Privacy policy/);
    expect(privacy.markdown).toMatch(/## Recordings and consent/);
    expect(privacy.markdown).toMatch(/can leave/);
    expect(privacy.markdown).toContain(`removed ${deps.env.DATA_EXPORT_TTL_DAYS} days after`);
    expect(privacy.markdown).toContain(`takes effect ${deps.env.ACCOUNT_DELETION_GRACE_DAYS} days after you ask`);
    expect(privacy.markdown, "every placeholder filled").not.toContain("{{");
    const terms = await callerFor(null).legal.document({ kind: "terms" });
    expect(terms).toMatchObject({ kind: "terms", version: 1, isDefault: true });
    expect(terms.markdown).toMatch(/^# Terms of use/);
    expect(terms.markdown).toMatch(/Do not record a call without consent/);
  });

  it("admins edit them: each change is a new version, audited, and served to everyone; saving the same text changes nothing", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const asAdmin = callerFor({ id: admin.id, role: "ADMIN" });
    const text = `# Our terms\n\nBe kind. ${unique("t")}`;
    const saved = await asAdmin.legal.update({ kind: "terms", markdown: text });
    expect(saved).toMatchObject({ kind: "terms", markdown: text, version: 2, isDefault: false });
    expect(await callerFor(null).legal.document({ kind: "terms" })).toMatchObject({
      markdown: text,
      version: 2,
      isDefault: false,
    });
    // The other document is untouched.
    expect(await callerFor(null).legal.document({ kind: "privacy" })).toMatchObject({ version: 1, isDefault: true });

    expect(await asAdmin.legal.update({ kind: "terms", markdown: text })).toMatchObject({ version: 2 });
    expect((await asAdmin.legal.update({ kind: "terms", markdown: `${text}\n\nAnd fair.` })).version).toBe(3);
    expect(await storedDocuments()).toEqual([
      expect.objectContaining({ kind: "TERMS", version: 3, updatedById: admin.id }),
    ]);

    const audits = await deps.db.auditEvent.findMany({
      where: { userId: admin.id, action: "admin.legal-document-changed" },
      orderBy: { createdAt: "asc" },
    });
    expect(audits.map((a) => a.detail)).toEqual([
      expect.objectContaining({ kind: "terms", from: 1, to: 2 }),
      expect.objectContaining({ kind: "terms", from: 2, to: 3 }),
    ]);
  });

  it("legal.update is refused to anyone but an admin with 2FA, and nothing is stored", async () => {
    const [user, admin] = await Promise.all([createUser(), createUser({ role: "ADMIN" })]);
    const input = { kind: "privacy" as const, markdown: "# Nothing to see" };
    await expectTrpcError(callerFor(user).legal.update(input), "FORBIDDEN", /Only admins/);
    await expectTrpcError(
      callerFor({ id: admin.id, role: "ADMIN", needsTotp: true }).legal.update(input),
      "FORBIDDEN",
      /two-factor/,
    );
    await expectTrpcError(callerFor(null).legal.update(input), "UNAUTHORIZED");
    expect(await storedDocuments()).toEqual([]);
    expect(
      await deps.db.auditEvent.count({
        where: { action: "admin.legal-document-changed", userId: { in: [user.id, admin.id] } },
      }),
    ).toBe(0);
  });

  it("refuses an empty text, one over the limit, and an unknown document", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const asAdmin = callerFor({ id: admin.id, role: "ADMIN" });
    await expectTrpcError(
      asAdmin.legal.update({ kind: "privacy", markdown: "  \n " }),
      "BAD_REQUEST",
      /Write the text/,
    );
    await expectTrpcError(
      asAdmin.legal.update({ kind: "privacy", markdown: "x".repeat(50_001) }),
      "BAD_REQUEST",
      /at most 50,000/,
    );
    await expectTrpcError(asAdmin.legal.update({ kind: "cookies" as "privacy", markdown: "# Cookies" }), "BAD_REQUEST");
    expect(await storedDocuments()).toEqual([]);
  });
});

describe("sign-up and the terms", () => {
  const input = () => {
    const name = unique("terms_");
    return {
      email: `${name}@example.test`,
      username: name,
      displayName: `Terms ${name}`,
      password: "a sturdy passphrase 42",
    };
  };

  it("without ticking the box is refused with a message beside it, and no account is created", async () => {
    for (const acceptTerms of [undefined, false, "yes"]) {
      const attempt = input();
      const error = await expectTrpcError(
        callerFor(null, freshIp()).account.signUp({ ...attempt, acceptTerms } as never),
        "BAD_REQUEST",
        /Agree to the Terms and Privacy policy/,
      );
      expect((error.cause as { flatten?: () => { fieldErrors: object } }).flatten?.().fieldErrors).toEqual({
        acceptTerms: ["Agree to the Terms and Privacy policy to create an account."],
      });
      expect(await deps.db.user.findUnique({ where: { email: attempt.email } })).toBeNull();
    }
  });

  it("records when the terms were accepted and which versions", async () => {
    const admin = await createUser({ role: "ADMIN" });
    await callerFor({ id: admin.id, role: "ADMIN" }).legal.update({
      kind: "privacy",
      markdown: "# Privacy\n\nRevised.",
    });
    const attempt = input();
    const before = new Date();
    expect(await callerFor(null, freshIp()).account.signUp({ ...attempt, acceptTerms: true })).toEqual({
      status: "check-your-email",
    });
    const user = await deps.db.user.findUniqueOrThrow({
      where: { email: attempt.email },
      select: { termsAcceptedAt: true, termsVersion: true, privacyVersion: true },
    });
    expect(user).toEqual({ termsAcceptedAt: expect.any(Date), termsVersion: 1, privacyVersion: 2 });
    expect(user.termsAcceptedAt!.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
  });
});

describe("rendering the Markdown", () => {
  const html = (markdown: string) => renderToStaticMarkup(createElement(LegalMarkdown, { markdown }));

  it("leaves raw HTML, scripts and script links inert; links elsewhere open apart with rel=noopener", () => {
    const out = html(
      [
        "# Title",
        "<script>alert('raw')</script>",
        '<img src="x" onerror="alert(1)"> <iframe src="https://evil.example"></iframe>',
        "[click](javascript:alert(1)) [mixed](JaVaScRiPt:alert(2)) [data](data:text/html;base64,PHNjcmlwdD4=) [chat](irc:evil) [tab](java\tscript:alert(3))",
        '<a href="javascript:alert(4)">raw link</a> ![tracker](https://evil.example/pixel.png)',
        "[site](https://example.org/a) [mail](mailto:admin@example.org) [terms](/terms)",
      ].join("\n\n"),
    );
    expect(out).toContain("<h1");
    expect(out).not.toMatch(/<script|<iframe|<img|onerror|javascript:|data:text|irc:/i);
    expect(out).not.toMatch(/alert\('raw'\)/);
    expect(out).toContain('<a href="https://example.org/a" target="_blank" rel="noopener noreferrer nofollow"');
    expect(out).toContain('<a href="mailto:admin@example.org" target="_blank" rel="noopener noreferrer nofollow"');
    expect(out).toMatch(/<a href="\/terms" class="[^"]*">terms<\/a>/);
    // A removed link keeps its words, as plain text.
    expect(out).toContain("<span>click</span>");
  });
});
