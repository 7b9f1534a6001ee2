import "server-only";
import type { Transporter } from "nodemailer";
import { emailJobSchema } from "../../infra/queues";
import { renderEmail } from "./templates";

/** Validates a job payload and sends it. Throws on SMTP failure so BullMQ retries with backoff. */
export async function sendEmailJob(
  transport: Transporter,
  from: string,
  payload: unknown,
): Promise<{ messageId: string }> {
  const job = emailJobSchema.parse(payload);
  const email = renderEmail(job);
  const info = await transport.sendMail({
    from,
    to: job.to,
    subject: email.subject,
    text: email.text,
    html: email.html,
  });
  return { messageId: String(info.messageId) };
}
