/** @type {import("next").NextConfig} */
const nextConfig = {
  // Webhook routes only: no source maps or powered-by header to ship.
  poweredByHeader: false,
};

export default nextConfig;
