import { describe, expect, it } from "vitest";
import {
  contentSecurityPolicy,
  newNonce,
  permissionsPolicy,
  securityHeaders,
  type SecurityHeaderSettings,
} from "./security-headers";

const production: SecurityHeaderSettings = {
  appUrl: "https://hearth.example",
  jitsiDomain: "meet.hearth.example",
  s3PublicEndpoint: "https://files.hearth.example/bucket",
  development: false,
};
const directives = (policy: string) =>
  new Map(policy.split("; ").map((d) => [d.split(" ")[0]!, d.split(" ").slice(1)]));

describe("content security policy", () => {
  it("runs scripts only from this origin, with this response's nonce, or from the Jitsi host; never inline or eval", () => {
    const csp = directives(contentSecurityPolicy("abc123==", production));
    expect(csp.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "https://meet.hearth.example"]);
    expect(csp.get("frame-src")).toEqual(["https://meet.hearth.example"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'none'"]);
    expect(csp.get("connect-src")).toEqual(["'self'", "https://files.hearth.example"]);
    expect(csp.get("img-src")).toContain("https://files.hearth.example");
    expect(csp.has("upgrade-insecure-requests")).toBe(true);
    expect([...csp.values()].flat()).not.toContain("'unsafe-eval'");
    expect(csp.get("script-src")).not.toContain("'unsafe-inline'");
  });

  it("frames nothing and loads no foreign script when Jitsi is not configured", () => {
    const csp = directives(contentSecurityPolicy("n", { ...production, jitsiDomain: undefined }));
    expect(csp.get("frame-src")).toEqual(["'none'"]);
    expect(csp.get("script-src")).toEqual(["'self'", "'nonce-n'"]);
    expect(permissionsPolicy({})).toContain("camera=(self)");
  });

  it("lets `next dev` evaluate and reload (and no upgrade on http)", () => {
    const csp = directives(
      contentSecurityPolicy("n", { ...production, appUrl: "http://localhost:3000", development: true }),
    );
    expect(csp.get("script-src")).toContain("'unsafe-eval'");
    expect(csp.get("connect-src")).toContain("ws:");
    expect(csp.has("upgrade-insecure-requests")).toBe(false);
  });
});

describe("security headers", () => {
  it("HSTS only for an https production site", () => {
    expect(securityHeaders("n", production)["Strict-Transport-Security"]).toBe("max-age=63072000; includeSubDomains");
    expect(
      securityHeaders("n", { ...production, appUrl: "http://localhost:3100" })["Strict-Transport-Security"],
    ).toBeUndefined();
    expect(securityHeaders("n", { ...production, development: true })["Strict-Transport-Security"]).toBeUndefined();
    expect(securityHeaders("n", production)["X-XSS-Protection"]).toBe("0");
  });

  it("camera, microphone and screen sharing for Hearth and the Jitsi frame only", () => {
    const policy = securityHeaders("n", production)["Permissions-Policy"];
    expect(policy).toContain('camera=(self "https://meet.hearth.example")');
    expect(policy).toContain('microphone=(self "https://meet.hearth.example")');
    expect(policy).toContain('display-capture=(self "https://meet.hearth.example")');
    expect(policy).toContain("geolocation=()");
  });

  it("a fresh, unguessable nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});
