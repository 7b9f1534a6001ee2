import type { ReactNode } from "react";
import type { JitsiStatus, WebhookDelivery } from "@/server/services/rooms/jitsi-status";
import { Card } from "../ui/card";

// The server renders this page: times in UTC, said so, rather than in the server's own zone.
const utc = (date: Date) =>
  `${date.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC`;

const Code = ({ children }: { children: ReactNode }) => (
  <code className="rounded bg-stone-100 px-1 py-0.5 text-[0.85em]">{children}</code>
);

/** The top of the admin Jitsi page: whether group calls are on, what to set when not, and whether Jitsi's events arrive. */
export function JitsiStatusCard({ status, eventsUrl }: { status: JitsiStatus; eventsUrl: string }) {
  if (!status.configured) {
    return (
      <Card>
        <h2 className="font-semibold">Jitsi is not configured</h2>
        <p className="mt-1 text-sm text-stone-600">
          Group calls, meetings and profile rooms are switched off: people see &ldquo;Group calls need Jitsi — your
          admin can set it up&rdquo; where they would start one. To turn them on, run Jitsi (see{" "}
          <Code>jitsi/README.md</Code>) and set in the app&apos;s environment (<Code>.env</Code>, described in{" "}
          <Code>.env.example</Code>):
        </p>
        <ul className="mt-3 space-y-1.5 text-sm text-stone-700">
          <li>
            <Code>JITSI_DOMAIN</Code>: the public host serving Jitsi, e.g. <Code>meet.example.com</Code>.
          </li>
          <li>
            <Code>JITSI_APP_SECRET</Code>: the same as <Code>JWT_APP_SECRET</Code> in <Code>jitsi/jitsi.env</Code> (or{" "}
            <Code>JITSI_JWT_ALGORITHM=RS256</Code> with <Code>JITSI_PRIVATE_KEY</Code> and <Code>JITSI_KEY_ID</Code>).
          </li>
          <li>
            <Code>JITSI_WEBHOOK_SECRET</Code>: the same as <Code>HEARTH_WEBHOOK_SECRET</Code> in <Code>jitsi.env</Code>,
            so that room events reach Hearth at <Code>{eventsUrl}</Code>.
          </li>
        </ul>
        <p className="mt-3 text-sm text-stone-600">
          <Code>bash scripts/secrets.sh</Code> writes matching secrets for both; <Code>npm run jitsi:check</Code> names
          anything that still disagrees. Then restart the app.
        </p>
      </Card>
    );
  }
  return (
    <Card>
      <h2 className="font-semibold">Jitsi is configured</h2>
      <p className="mt-1 text-sm text-stone-600">
        Group calls, meetings and profile rooms run on <Code>{status.domain}</Code>.
      </p>
      <h3 className="mt-4 text-sm font-medium text-stone-700">Room events from Jitsi</h3>
      <EventsLine status={status} eventsUrl={eventsUrl} />
    </Card>
  );
}

function EventsLine({ status, eventsUrl }: { status: Extract<JitsiStatus, { configured: true }>; eventsUrl: string }) {
  if (!status.webhookSecretSet) {
    return (
      <p role="alert" className="mt-1 text-sm text-red-700">
        <Code>JITSI_WEBHOOK_SECRET</Code> is not set, so Hearth refuses Jitsi&apos;s events: nobody shows as in a call
        and full rooms are not counted. Set it to <Code>HEARTH_WEBHOOK_SECRET</Code> from <Code>jitsi.env</Code>.
      </p>
    );
  }
  const refusedSince = status.lastRefused && (!status.lastEvent || status.lastRefused.at > status.lastEvent.at);
  return (
    <div className="mt-1 space-y-1 text-sm">
      {status.lastEvent ? (
        <p className="text-stone-700">
          Last event arrived <Delivery delivery={status.lastEvent} />.
        </p>
      ) : (
        <p className="text-stone-700">
          No event has arrived yet. Jitsi posts one to <Code>{eventsUrl}</Code> whenever a room starts, someone joins or
          leaves, or a room ends: if a call has happened since the app started and this still says so, check{" "}
          <Code>HEARTH_EVENTS_URL</Code> in <Code>jitsi.env</Code> (<Code>npm run jitsi:check</Code>).
        </p>
      )}
      {refusedSince && status.lastRefused ? (
        <p role="alert" className="text-amber-800">
          An event was refused for a wrong secret <Delivery delivery={status.lastRefused} />:{" "}
          <Code>HEARTH_WEBHOOK_SECRET</Code> in <Code>jitsi.env</Code> and the app&apos;s{" "}
          <Code>JITSI_WEBHOOK_SECRET</Code> may differ.
        </p>
      ) : null}
    </div>
  );
}

function Delivery({ delivery }: { delivery: WebhookDelivery }) {
  return (
    <>
      <time dateTime={delivery.at.toISOString()}>{utc(delivery.at)}</time> ({delivery.event})
    </>
  );
}
