// The end-to-end test builds into its own directory (.next-e2e), so that it never shares one
// with a `next build` that runs at the same time: turbo runs `build` and `test` side by side.
const distDir = process.env.NEXT_DIST_DIR || ".next";

/** @type {import("next").NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  distDir,
  // The test's copy skips type checking: the main build and `pnpm typecheck` do it, and the
  // generated types of a build running next to it may be half written.
  typescript: { ignoreBuildErrors: distDir !== ".next" },
};

export default nextConfig;
