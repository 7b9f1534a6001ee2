import "server-only";
import type { EmailJob } from "../../infra/queues";

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function layout(
  greeting: string,
  paragraphs: string[],
  action?: { label: string; url: string },
): { text: string; html: string } {
  const text = [
    greeting,
    "",
    ...paragraphs.flatMap((p) => [p, ""]),
    ...(action ? [`${action.label}: ${action.url}`, ""] : []),
    "— Hearth",
  ].join("\n");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1c1917;max-width:560px;margin:auto;padding:24px">
<p>${escapeHtml(greeting)}</p>
${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n")}
${action ? `<p><a href="${escapeHtml(action.url)}" style="display:inline-block;background:#ea580c;color:#fff;padding:10px 16px;border-radius:8px;text-decoration:none">${escapeHtml(action.label)}</a></p><p style="font-size:12px;color:#78716c">Or paste this link into your browser: ${escapeHtml(action.url)}</p>` : ""}
<p>— Hearth</p></body></html>`;
  return { text, html };
}

/** "Wednesday, 9 December 2026 (UTC)": an email cannot know the reader's time zone. */
export const emailDay = (date: Date) =>
  `${date.toLocaleDateString("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })} (UTC)`;

/** Renders an email job. Pure: the worker sends what this returns. */
export function renderEmail(job: EmailJob): RenderedEmail {
  const hello = `Hi ${job.displayName},`;
  switch (job.template) {
    case "verify-email":
      return {
        subject: "Confirm your email for Hearth",
        ...layout(
          hello,
          ["Confirm this address to finish setting up your Hearth account. The link works for 48 hours."],
          {
            label: "Confirm email",
            url: job.url,
          },
        ),
      };
    case "reset-password":
      return {
        subject: "Reset your Hearth password",
        ...layout(
          hello,
          [
            "Someone (hopefully you) asked to reset your password. The link works for one hour, once.",
            "If it wasn't you, ignore this email: your password stays as it is.",
          ],
          {
            label: "Choose a new password",
            url: job.url,
          },
        ),
      };
    case "account-exists":
      return {
        subject: "Someone tried to sign up to Hearth with your address",
        ...layout(
          hello,
          [
            "Someone (perhaps you) tried to create a new Hearth account with this email address. You already have an account, so nothing was created.",
            `If it was you, sign in with your existing account. Forgot your password? Reset it here: ${job.resetUrl}`,
            "If it wasn't you, you can ignore this email: your account is unchanged.",
          ],
          { label: "Sign in", url: job.url },
        ),
      };
    case "unread-messages":
      return {
        subject: job.lines.length === 1 ? `Unread on Hearth: ${job.lines[0]}` : `You have unread messages on Hearth`,
        ...layout(
          hello,
          [
            "While you were away:",
            ...job.lines.map((line) => `• ${line}`),
            "You can turn these emails off in Settings.",
          ],
          { label: "Open Hearth", url: job.url },
        ),
      };
    case "password-changed":
      return {
        subject: "Your Hearth password was changed",
        ...layout(hello, [
          "Your password was just changed and every session was signed out.",
          "If this wasn't you, reset your password now and check your two-factor settings.",
        ]),
      };
    case "data-export-ready":
      return {
        subject: "Your Hearth data is ready to download",
        ...layout(
          hello,
          [
            `The copy of your data you asked for is ready. Sign in and download it from Settings → Account & security until ${job.expiresOn}; after that it is deleted.`,
            "If you did not ask for it, change your password: someone may be using your account.",
          ],
          {
            label: "Download my data",
            url: job.url,
          },
        ),
      };
    case "account-deletion-scheduled":
      return {
        subject: "Your Hearth account will be deleted",
        ...layout(
          hello,
          [
            `You asked to delete your Hearth account. Every session was signed out, and on ${job.deleteOn} your profile, friends, files and avatar will be removed; messages you sent stay in others' conversations as from "Deleted user".`,
            "Changed your mind? Sign in before then and press “Keep my account”.",
            "If this wasn't you, sign in, keep your account and change your password now.",
          ],
          { label: "Sign in to keep my account", url: job.url },
        ),
      };
    case "account-deleted":
      return {
        subject: "Your Hearth account was deleted",
        ...layout(hello, [
          "Your Hearth account and its data have been deleted, as you asked. This address can be used to sign up again.",
          "This is the last email we send you.",
        ]),
      };
  }
}
