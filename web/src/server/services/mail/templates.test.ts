import { describe, expect, it } from "vitest";
import { emailDay, renderEmail } from "./templates";

describe("email templates", () => {
  it("escapes what users wrote in the HTML part and keeps it verbatim in the text part", () => {
    const email = renderEmail({
      template: "verify-email",
      to: "a@b.co",
      displayName: `<img src=x onerror="alert(1)">`,
      url: "https://hearth.example/verify-email?token=abc",
    });
    expect(email.html).not.toContain("<img");
    expect(email.html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(email.text).toContain(`Hi <img src=x onerror="alert(1)">,`);
    expect(email.text).toContain("https://hearth.example/verify-email?token=abc");
  });

  it("has a subject and the action link for each template", () => {
    expect(
      renderEmail({
        template: "reset-password",
        to: "a@b.co",
        displayName: "Ada",
        url: "https://h.example/reset-password?token=t",
      }),
    ).toMatchObject({
      subject: "Reset your Hearth password",
      html: expect.stringContaining('href="https://h.example/reset-password?token=t"'),
    });
    expect(renderEmail({ template: "password-changed", to: "a@b.co", displayName: "Ada" }).subject).toBe(
      "Your Hearth password was changed",
    );
    const exists = renderEmail({
      template: "account-exists",
      to: "a@b.co",
      displayName: "Ada",
      url: "https://h.example/sign-in",
      resetUrl: "https://h.example/forgot-password",
    });
    expect(exists.subject).toBe("Someone tried to sign up to Hearth with your address");
    expect(exists.html).toContain('href="https://h.example/sign-in"');
    expect(exists.text).toContain("https://h.example/forgot-password");
    const digest = renderEmail({
      template: "unread-messages",
      to: "a@b.co",
      displayName: "Ada",
      url: "https://h.example/messages",
      lines: ["2 new messages from <Grace>", "Alan mentioned you"],
    });
    expect(digest.subject).toBe("You have unread messages on Hearth");
    expect(digest.text).toContain("• 2 new messages from <Grace>");
    expect(digest.html).toContain("• 2 new messages from &lt;Grace&gt;");
  });

  it("tells when a data export expires, and how to keep an account scheduled for deletion", () => {
    const day = emailDay(new Date("2026-12-09T10:00:00Z"));
    expect(day).toBe("Wednesday, 9 December 2026 (UTC)");
    const ready = renderEmail({
      template: "data-export-ready",
      to: "a@b.co",
      displayName: "Ada",
      url: "https://h.example/settings/security#download-my-data",
      expiresOn: day,
    });
    expect(ready.subject).toBe("Your Hearth data is ready to download");
    expect(ready.text).toContain(`until ${day}`);
    expect(ready.html).toContain('href="https://h.example/settings/security#download-my-data"');
    const scheduled = renderEmail({
      template: "account-deletion-scheduled",
      to: "a@b.co",
      displayName: "Ada",
      url: "https://h.example/sign-in",
      deleteOn: day,
    });
    expect(scheduled.subject).toBe("Your Hearth account will be deleted");
    expect(scheduled.text).toContain(`on ${day}`);
    expect(scheduled.text).toContain("Keep my account");
    expect(renderEmail({ template: "account-deleted", to: "a@b.co", displayName: "Ada" }).subject).toBe(
      "Your Hearth account was deleted",
    );
  });
});
