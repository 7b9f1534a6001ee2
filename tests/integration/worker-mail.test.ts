import nodemailer from "nodemailer";
import { afterAll, describe, expect, it, vi } from "vitest";
import { ZodError } from "zod";
import { sendEmailJob } from "@/server/services/mail/send-email";
import { unique } from "../helpers/deps";
import { messagesTo, type SinkMessage } from "../helpers/mail-sink";

const FROM = process.env.MAIL_FROM!;

const transport = nodemailer.createTransport(process.env.SMTP_URL);
afterAll(() => transport.close());

const address = () => `${unique("mail_")}@example.test`;

describe("sendEmailJob through SMTP", () => {
  it("delivers a verification email with the link in the text, and the display name escaped in the HTML", async () => {
    const to = address();
    const url = `http://localhost:3100/verify-email?token=${unique("tok")}&next=%2Fhome`;
    const result = await sendEmailJob(transport, FROM, { template: "verify-email", to, displayName: "<b>x</b>", url });
    expect(result.messageId).toMatch(/^<.+@.+>$/);

    const messages = await messagesTo(to);
    expect(messages).toHaveLength(1);
    const [message] = messages as [SinkMessage];
    expect(message.to).toEqual([to]);
    expect(message.from).toContain("tests@hearth.local");
    expect(message.subject).toBe("Confirm your email for Hearth");
    expect(message.text).toContain("Hi <b>x</b>,");
    expect(message.text).toContain(`Confirm email: ${url}`);
    expect(message.html).toContain("Hi &lt;b&gt;x&lt;/b&gt;,");
    expect(message.html).not.toContain("<b>x</b>");
    expect(message.html).toContain(`href="${url.replace("&", "&amp;")}"`);
  });

  it.each([
    [
      "reset-password",
      { url: "http://localhost:3100/reset-password?token=abc" },
      "Reset your Hearth password",
      "Choose a new password: http://localhost:3100/reset-password?token=abc",
    ],
    ["password-changed", {}, "Your Hearth password was changed", "every session was signed out"],
  ])("delivers the %s email", async (template, extra, subject, textSnippet) => {
    const to = address();
    await sendEmailJob(transport, FROM, { template, to, displayName: "Ada", ...extra });
    const messages = await messagesTo(to);
    expect(messages.map((m) => m.subject)).toEqual([subject]);
    expect(messages[0]!.text).toContain("Hi Ada,");
    expect(messages[0]!.text).toContain(textSnippet);
  });

  it.each([
    [
      "a malformed address",
      {
        template: "verify-email",
        to: "not-an-email",
        displayName: "Ada",
        url: "http://localhost:3100/verify-email?token=a",
      },
    ],
    [
      "an address with a second recipient smuggled in",
      {
        template: "verify-email",
        to: "SENTINEL, victim@example.test",
        displayName: "Ada",
        url: "http://localhost:3100/verify-email?token=a",
      },
    ],
    ["an unknown template", { template: "welcome", to: "SENTINEL", displayName: "Ada", url: "http://localhost:3100/" }],
    ["a missing link", { template: "reset-password", to: "SENTINEL", displayName: "Ada" }],
    ["a link that is not a URL", { template: "verify-email", to: "SENTINEL", displayName: "Ada", url: "not a url" }],
    ["a missing display name", { template: "password-changed", to: "SENTINEL" }],
    ["no payload at all", null],
  ])("refuses %s with a ZodError and sends nothing", async (_label, payload) => {
    const to = address();
    const withAddress = payload && JSON.parse(JSON.stringify(payload).replaceAll("SENTINEL", to));
    const sendMail = vi.spyOn(transport, "sendMail");
    try {
      await expect(sendEmailJob(transport, FROM, withAddress)).rejects.toBeInstanceOf(ZodError);
      expect(sendMail).not.toHaveBeenCalled();
    } finally {
      sendMail.mockRestore();
    }
    expect(await messagesTo(to)).toEqual([]);
  });
});
