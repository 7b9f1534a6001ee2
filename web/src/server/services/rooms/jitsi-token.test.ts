import { createHmac, generateKeyPairSync, createVerify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { mintJitsiToken, NOT_BEFORE_SKEW_SECONDS, type JitsiTokenConfig, type JitsiTokenGrant } from "./jitsi-token";

const NOW = 1_800_000_000_000;
const config: JitsiTokenConfig = {
  appId: "hearth",
  audience: "hearth",
  xmppDomain: "meet.jitsi",
  ttlSeconds: 600,
  algorithm: "HS256",
  secret: "s".repeat(40),
};
const grant: JitsiTokenGrant = {
  room: "hearth-abc123",
  user: { id: "user_1", name: "Ada Lovelace", avatar: "https://hearth.example/api/avatars/user_1?v=1" },
  moderator: false,
  lobbyBypass: true,
  recording: false,
};

/** Decodes without verifying (the verification below is done independently of jose, as Prosody would). */
const decode = (token: string) => {
  const [header, payload] = token
    .split(".")
    .slice(0, 2)
    .map((part) => JSON.parse(Buffer.from(part!, "base64url").toString("utf8")) as Record<string, unknown>);
  return { header: header!, payload: payload! };
};

describe("Jitsi tokens (the claims Prosody checks)", () => {
  it("HS256: typ JWT, iss/aud/sub/room, nbf 30 s in the past, exp after the TTL, context.user and features", async () => {
    const { token, expiresAt } = await mintJitsiToken(config, grant, NOW);
    const { header, payload } = decode(token);
    expect(header).toEqual({ alg: "HS256", typ: "JWT" });
    const now = NOW / 1000;
    expect(payload).toEqual({
      iss: "hearth",
      aud: "hearth",
      sub: "meet.jitsi",
      room: "hearth-abc123",
      iat: now,
      nbf: now - NOT_BEFORE_SKEW_SECONDS,
      exp: now + 600,
      context: {
        user: {
          id: "user_1",
          name: "Ada Lovelace",
          avatar: "https://hearth.example/api/avatars/user_1?v=1",
          moderator: false,
          affiliation: "member",
          lobby_bypass: true,
        },
        features: {
          recording: false,
          livestreaming: false,
          transcription: false,
          "outbound-call": false,
          "sip-outbound-call": false,
        },
      },
    });
    expect(expiresAt).toBe(now + 600);
    // The signature is HMAC-SHA256 over "header.payload" with the shared secret, as Prosody's luajwtjitsi verifies it.
    const [h, p, signature] = token.split(".");
    expect(createHmac("sha256", config.secret!).update(`${h}.${p}`).digest("base64url")).toBe(signature);
  });

  it("makes owners and hosts moderators (affiliation owner) and grants recording only when asked", async () => {
    const { payload } = decode(
      (await mintJitsiToken(config, { ...grant, moderator: true, recording: true }, NOW)).token,
    );
    const context = payload.context as { user: Record<string, unknown>; features: Record<string, unknown> };
    expect(context.user).toMatchObject({ moderator: true, affiliation: "owner" });
    expect(context.features.recording).toBe(true);
  });

  it("RS256 with a key id, verifiable with the public key", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const rsa: JitsiTokenConfig = {
      ...config,
      algorithm: "RS256",
      secret: undefined,
      privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      keyId: "hearth-2026",
    };
    const { token } = await mintJitsiToken(rsa, grant, NOW);
    expect(decode(token).header).toEqual({ alg: "RS256", typ: "JWT", kid: "hearth-2026" });
    const [h, p, signature] = token.split(".");
    expect(createVerify("RSA-SHA256").update(`${h}.${p}`).verify(publicKey, Buffer.from(signature!, "base64url"))).toBe(
      true,
    );
    await expect(mintJitsiToken({ ...rsa, keyId: undefined }, grant, NOW)).rejects.toThrow(/keyId/);
  });

  it("refuses room names Prosody would not match (upper case, '/', wildcards)", async () => {
    for (const room of ["Hearth-ABC", "tenant/room", "*", ""])
      await expect(mintJitsiToken(config, { ...grant, room }, NOW)).rejects.toThrow(/room names/);
  });
});
