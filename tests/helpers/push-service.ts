/**
 * A test double of a Web Push service (what FCM / Mozilla autopush are to real browsers), on 127.0.0.1. It checks
 * requests the way a push service and a browser would: the VAPID JWT's signature and claims (RFC 8292), and it
 * decrypts the aes128gcm payload with the subscriber's private key (RFC 8188 / RFC 8291).
 */
import { createECDH, createHmac, createDecipheriv, createPublicKey, randomBytes, verify } from "node:crypto";
import { createServer, type Server } from "node:http";

const b64url = (buf: Buffer) => buf.toString("base64url");
const hmac = (key: Buffer, data: Buffer) => createHmac("sha256", key).update(data).digest();

export interface ReceivedPush {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  vapid: { claims: Record<string, unknown>; signatureValid: boolean; publicKey: string };
  payload: unknown;
}

/** A browser's side of a subscription: its key pair and auth secret. */
export function browserKeys() {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return { ecdh, auth, keys: { p256dh: b64url(ecdh.getPublicKey()), auth: b64url(auth) } };
}

export function decryptAes128gcm(body: Buffer, ecdh: ReturnType<typeof createECDH>, authSecret: Buffer): Buffer {
  const salt = body.subarray(0, 16);
  const idLength = body[20]!;
  const senderPublic = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  const shared = ecdh.computeSecret(senderPublic);
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), ecdh.getPublicKey(), senderPublic]);
  const ikm = hmac(hmac(authSecret, shared), Buffer.concat([keyInfo, Buffer.from([1])]));
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from("Content-Encoding: aes128gcm\0\x01", "binary")).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from("Content-Encoding: nonce\0\x01", "binary")).subarray(0, 12);
  const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  return padded.subarray(0, padded.lastIndexOf(2)); // the last record ends with 0x02 then zero padding
}

function checkVapid(authorization: string): ReceivedPush["vapid"] {
  const token = /t=([^,\s]+)/.exec(authorization)?.[1] ?? "";
  const publicKey = /k=([^,\s]+)/.exec(authorization)?.[1] ?? "";
  const [header, claims, signature] = token.split(".") as [string, string, string];
  const point = Buffer.from(publicKey, "base64url");
  const key = createPublicKey({
    key: { kty: "EC", crv: "P-256", x: b64url(point.subarray(1, 33)), y: b64url(point.subarray(33, 65)) },
    format: "jwk",
  });
  const signatureValid = verify(
    "sha256",
    Buffer.from(`${header}.${claims}`),
    { key, dsaEncoding: "ieee-p1363" },
    Buffer.from(signature, "base64url"),
  );
  return {
    claims: JSON.parse(Buffer.from(claims, "base64url").toString()) as Record<string, unknown>,
    signatureValid,
    publicKey,
  };
}

/** Starts the double. `respond` picks the status for a path (201 Created by default, 410 Gone for dead ones). */
export async function startPushService(
  subscribers: Map<string, ReturnType<typeof browserKeys>>,
  respond: (path: string) => number = () => 201,
) {
  const received: ReceivedPush[] = [];
  let origin = "";
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = req.url ?? "";
      const subscriber = subscribers.get(path);
      const body = Buffer.concat(chunks);
      received.push({
        path,
        headers: req.headers,
        vapid: checkVapid(String(req.headers.authorization ?? "")),
        payload: subscriber ? JSON.parse(decryptAes128gcm(body, subscriber.ecdh, subscriber.auth).toString()) : null,
      });
      const status = respond(path);
      res.writeHead(status, status >= 300 && status < 400 ? { Location: `${origin}/redirected${path}` } : {}).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  return { origin, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
