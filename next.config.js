// @ts-check

/** @type {import("next").NextConfig} */
const nextConfig = {
  // The node is a server of its own: no telemetry, no header that names the framework.
  poweredByHeader: false,
  // better-sqlite3 is a native addon; it must be required at run time, not bundled.
  serverExternalPackages: ["better-sqlite3"],
};

export default nextConfig;
