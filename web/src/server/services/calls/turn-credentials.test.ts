import { describe, expect, it } from "vitest";
import { iceServersFor, turnCredentials } from "./turn-credentials";

describe("TURN REST credentials", () => {
  it("are '<expiry>:<userId>' and base64(HMAC-SHA1(secret, username))", () => {
    const { username, credential, expiresAt } = turnCredentials("s3cret", "user_1", 3600, 1_700_000_000_500);
    expect(expiresAt).toBe(1_700_003_600);
    expect(username).toBe("1700003600:user_1");
    // Computed independently: printf '1700003600:user_1' | openssl dgst -sha1 -hmac s3cret -binary | base64
    expect(credential).toBe("Esz+Jl6C4GCv5IIvzZBTvDPopk4=");
  });

  it("go with TURN URLs only; STUN needs none", () => {
    const config = {
      TURN_SECRET: "x",
      TURN_URLS: ["turn:t:3478?transport=udp", "turns:t:5349?transport=tcp"],
      STUN_URLS: ["stun:t:3478"],
      TURN_TTL_SECONDS: 600,
    };
    const { iceServers } = iceServersFor(config, "u", 0);
    expect(iceServers).toEqual([
      { urls: ["stun:t:3478"] },
      {
        urls: ["turn:t:3478?transport=udp", "turns:t:5349?transport=tcp"],
        username: "600:u",
        credential: expect.any(String),
      },
    ]);
    expect(iceServersFor({ ...config, STUN_URLS: [], TURN_URLS: [] }, "u").iceServers).toEqual([]);
  });
});
