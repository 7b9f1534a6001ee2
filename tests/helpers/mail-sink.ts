import { stackPorts } from "../../scripts/stack/ports";

/** Reads the development mail sink's HTTP API (scripts/stack/mail-sink.ts), which stores a message before acknowledging it. */
export const MAIL_SINK_API = process.env.MAIL_SINK_API ?? `http://127.0.0.1:${stackPorts().mailHttp}/api/messages`;

export interface SinkMessage {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  date: string;
}

/** Messages the sink received for `to`, newest first. */
export async function messagesTo(to: string): Promise<SinkMessage[]> {
  const response = await fetch(`${MAIL_SINK_API}?to=${encodeURIComponent(to)}`);
  if (!response.ok) throw new Error(`mail sink answered ${response.status}`);
  return (await response.json()) as SinkMessage[];
}
