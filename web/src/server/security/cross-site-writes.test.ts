import { describe, expect, it } from "vitest";
import { crossSiteWriteRefusal } from "./cross-site-writes";

const APP = "https://hearth.example";
const refusal = (method: string, headers: Record<string, string>) =>
  crossSiteWriteRefusal(method, new Headers(headers), APP);

describe("cross-site writes", () => {
  it("lets the app's own pages write", () => {
    expect(refusal("POST", { origin: APP, "sec-fetch-site": "same-origin" })).toBeNull();
    expect(refusal("POST", { origin: APP })).toBeNull();
  });

  it("refuses a write from another site, a sibling subdomain or an opaque origin", () => {
    expect(refusal("POST", { origin: "https://evil.example", "sec-fetch-site": "cross-site" })).toMatch(
      /must come from https:\/\/hearth\.example/,
    );
    expect(refusal("POST", { origin: "https://chat.hearth.example", "sec-fetch-site": "same-site" })).not.toBeNull();
    expect(refusal("POST", { origin: "null" })).not.toBeNull();
    expect(refusal("POST", { origin: "http://hearth.example" })).not.toBeNull();
    expect(refusal("POST", { "sec-fetch-site": "cross-site" })).not.toBeNull();
  });

  it("leaves reads alone, and clients that are not browsers (no Origin, no Sec-Fetch-Site)", () => {
    expect(refusal("GET", { origin: "https://evil.example", "sec-fetch-site": "cross-site" })).toBeNull();
    expect(refusal("POST", {})).toBeNull();
  });
});
