import type { NextConfig } from 'next';

const config: NextConfig = {
  // Separate build folders let several checkouts or test runs build side by side.
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  // Native or server-only packages stay out of the bundle.
  serverExternalPackages: ['pg', 'aedes', 'mqtt'],
  poweredByHeader: false,
  typedRoutes: false,
  // forbidden() answers 403 with app/forbidden.tsx when a role opens another persona's pages.
  experimental: { authInterrupts: true },
};

export default config;
