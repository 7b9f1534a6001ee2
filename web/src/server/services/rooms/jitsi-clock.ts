import "server-only";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { NOT_BEFORE_SKEW_SECONDS } from "./jitsi-token";

/**
 * Do the app's clock and the Jitsi host's agree? Prosody checks a token's nbf and exp against its own clock with no
 * leeway. Hearth sets nbf NOT_BEFORE_SKEW_SECONDS in the past, so an app clock that far ahead of Prosody's makes
 * every token "Not acceptable by nbf"; one behind by the token's lifetime makes every token arrive expired.
 * The Jitsi web host's HTTP Date header stands for Prosody's clock: in docker-jitsi-meet both run on one machine.
 */
export const CLOCK_WARN_SECONDS = 10;

export type ClockVerdict = { level: "ok" | "warn" | "fail"; message: string };

/**
 * Seconds the app's clock is ahead of the server's (negative: behind), from a Date header read between sentAtMs
 * and receivedAtMs. The header has whole seconds, truncated, so the server's time is taken as its middle second,
 * compared with the middle of the request. Null when the header is missing or unreadable.
 */
export function clockSkewSeconds(
  dateHeader: string | undefined,
  sentAtMs: number,
  receivedAtMs: number,
): number | null {
  const server = dateHeader ? Date.parse(dateHeader) : Number.NaN;
  if (Number.isNaN(server)) return null;
  return ((sentAtMs + receivedAtMs) / 2 - (server + 500)) / 1000;
}

export function judgeClockSkew(skewSeconds: number, tokenTtlSeconds: number, host: string): ClockVerdict {
  const amount = `${Math.abs(skewSeconds).toFixed(1)} s ${skewSeconds > 0 ? "ahead of" : "behind"}`;
  const advice = "Run NTP on both hosts (e.g. systemd-timesyncd or chrony).";
  if (skewSeconds >= NOT_BEFORE_SKEW_SECONDS) {
    return {
      level: "fail",
      message: `The app's clock is ${amount} ${host}'s: Prosody refuses every token ("Not acceptable by nbf": nbf is only ${NOT_BEFORE_SKEW_SECONDS} s in the past). ${advice}`,
    };
  }
  if (-skewSeconds >= tokenTtlSeconds) {
    return {
      level: "fail",
      message: `The app's clock is ${amount} ${host}'s: every token (valid ${tokenTtlSeconds} s) has expired by Prosody's clock ("Not acceptable by exp"). ${advice}`,
    };
  }
  if (Math.abs(skewSeconds) > CLOCK_WARN_SECONDS) {
    return {
      level: "warn",
      message: `The app's clock is ${amount} ${host}'s (more than ${CLOCK_WARN_SECONDS} s). Prosody allows no leeway on nbf/exp: at ${NOT_BEFORE_SKEW_SECONDS} s ahead every token is refused. ${advice}`,
    };
  }
  return { level: "ok", message: `The app's clock and ${host}'s agree (${amount}).` };
}

/**
 * Reads the server's Date header with one HEAD request. TLS certificates are not verified: only the Date header is
 * read and nothing is sent, and a dev Jitsi serves a self-signed certificate.
 */
export function readServerDate(
  url: string,
  timeoutMs = 5000,
): Promise<{ date: string | undefined; sentAtMs: number; receivedAtMs: number }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const send = target.protocol === "https:" ? httpsRequest : httpRequest;
    const sentAtMs = Date.now();
    const req = send(target, { method: "HEAD", timeout: timeoutMs, rejectUnauthorized: false }, (res) => {
      const receivedAtMs = Date.now();
      res.resume();
      resolve({ date: res.headers.date, sentAtMs, receivedAtMs });
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    req.on("error", reject);
    req.end();
  });
}

/** The whole check: read the Date header, measure, judge. An unreachable host is a warning (it may not be up yet). */
export async function checkJitsiClock(url: string, tokenTtlSeconds: number): Promise<ClockVerdict> {
  const host = new URL(url).host;
  try {
    const { date, sentAtMs, receivedAtMs } = await readServerDate(url);
    const skew = clockSkewSeconds(date, sentAtMs, receivedAtMs);
    if (skew === null)
      return {
        level: "warn",
        message: `${host} sent no usable Date header, so the clocks could not be compared. Run NTP on both hosts.`,
      };
    return judgeClockSkew(skew, tokenTtlSeconds, host);
  } catch (error) {
    return {
      level: "warn",
      message: `Could not reach ${url} to compare clocks (${(error as Error).message}). Check again once Jitsi is up, and run NTP on both hosts.`,
    };
  }
}
