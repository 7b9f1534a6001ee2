import type { NextConfig } from "next";
import path from "node:path";

const config: NextConfig = {
  // Native/server-only packages stay outside the bundle.
  serverExternalPackages: [
    "@node-rs/argon2",
    "sharp",
    "bullmq",
    "ioredis",
    "@prisma/client",
    "@prisma/adapter-pg",
    "pg",
  ],
  turbopack: { root: path.resolve(import.meta.dirname, "..") },
  outputFileTracingRoot: path.resolve(import.meta.dirname, ".."),
  poweredByHeader: false,
  typedRoutes: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default config;
