import "server-only";
import { BlockList, isIP } from "node:net";

/**
 * Which address a request came from, for per-IP rate limits and the audit log. A client can send any
 * X-Forwarded-For it likes (and `next start` keeps what it sent), so the header is believed only as far as it was
 * written by proxies the deployment trusts (TRUSTED_PROXIES): starting from the socket's peer, each trusted hop
 * vouches for the address it appended, and the first untrusted address is the client. No trusted proxies (the
 * default): the socket's peer is the client, whatever the header says.
 */
export function resolveClientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: BlockList,
): string {
  const peer = normalise(socketAddress);
  if (!peer) return "unknown";
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((hop) => normalise(hop.trim()));
  let client = peer;
  while (isTrusted(client, trusted)) {
    const previous = hops.pop();
    if (previous === undefined) break;
    // A hop that is not an address (garbage, "unknown", a port) ends what the trusted proxies vouch for.
    if (!previous) break;
    client = previous;
  }
  return client;
}

/** TRUSTED_PROXIES: comma-separated addresses and CIDR ranges, IPv4 or IPv6. Throws on anything else. */
export function parseTrustedProxies(value: string | undefined): BlockList {
  const list = new BlockList();
  for (const entry of (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [address = "", prefix] = entry.split("/");
    const family = isIP(address);
    if (!family) throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range`);
    const type = family === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) {
      list.addAddress(address, type);
      continue;
    }
    const bits = Number(prefix);
    if (!/^\d+$/.test(prefix) || bits > (family === 6 ? 128 : 32))
      throw new Error(`TRUSTED_PROXIES: "${entry}" has an invalid prefix length`);
    list.addSubnet(address, bits, type);
  }
  return list;
}

/** An address as one canonical string: IPv4-mapped IPv6 (::ffff:10.0.0.1) as IPv4, brackets and ports removed. */
function normalise(raw: string | undefined): string | null {
  if (!raw) return null;
  let value = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1] ?? "";
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
  if (mapped) value = mapped[1] ?? "";
  return isIP(value) ? value.toLowerCase() : null;
}

function isTrusted(address: string, trusted: BlockList): boolean {
  return trusted.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
}
