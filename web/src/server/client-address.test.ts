import { describe, expect, it } from "vitest";
import { parseTrustedProxies, resolveClientAddress } from "./client-address";

const none = parseTrustedProxies("");
const proxies = parseTrustedProxies("10.0.0.0/8, 192.168.1.5, fd00::/8");

describe("resolveClientAddress", () => {
  it("without trusted proxies, the socket's peer is the client whatever X-Forwarded-For claims", () => {
    expect(resolveClientAddress("203.0.113.7", undefined, none)).toBe("203.0.113.7");
    expect(resolveClientAddress("203.0.113.7", "198.51.100.1", none)).toBe("203.0.113.7");
    expect(resolveClientAddress("::ffff:127.0.0.1", "1.2.3.4, 5.6.7.8", none)).toBe("127.0.0.1");
    expect(resolveClientAddress("::1", "9.9.9.9", none)).toBe("::1");
  });

  it("behind trusted proxies, the first address not vouched for by a trusted hop, from the right", () => {
    // client -> proxy 10.1.2.3 -> app: the proxy appended the client's address.
    expect(resolveClientAddress("10.1.2.3", "198.51.100.20", proxies)).toBe("198.51.100.20");
    // A client forging the header gets its forgery pushed left; the proxy's own entry still names it.
    expect(resolveClientAddress("10.1.2.3", "6.6.6.6, 198.51.100.20", proxies)).toBe("198.51.100.20");
    // Two trusted hops (192.168.1.5 then 10.1.2.3).
    expect(resolveClientAddress("10.1.2.3", "6.6.6.6, 198.51.100.20, 192.168.1.5", proxies)).toBe("198.51.100.20");
    // IPv6 proxies and ports/brackets in the header.
    expect(resolveClientAddress("fd12::1", "[2001:db8::9]:4431", proxies)).toBe("2001:db8::9");
    expect(resolveClientAddress("10.1.2.3", "198.51.100.20:5555", proxies)).toBe("198.51.100.20");
  });

  it("a request straight from an untrusted address is that address, even with a header", () => {
    expect(resolveClientAddress("198.51.100.99", "10.0.0.1", proxies)).toBe("198.51.100.99");
  });

  it("stops at garbage and at the end of the chain", () => {
    expect(resolveClientAddress("10.1.2.3", "not-an-ip", proxies)).toBe("10.1.2.3");
    expect(resolveClientAddress("10.1.2.3", "", proxies)).toBe("10.1.2.3");
    expect(resolveClientAddress("10.1.2.3", "10.9.9.9", proxies)).toBe("10.9.9.9");
    expect(resolveClientAddress(undefined, "1.2.3.4", proxies)).toBe("unknown");
  });
});

describe("parseTrustedProxies", () => {
  it("accepts addresses and ranges, and names a bad entry", () => {
    expect(parseTrustedProxies("127.0.0.1, ::1, 172.16.0.0/12").check("172.20.1.1")).toBe(true);
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow(/invalid prefix length/);
    expect(() => parseTrustedProxies("proxy.internal")).toThrow(/"proxy\.internal" is not an IP address/);
  });
});
