import type { NextConfig } from 'next';

const config: NextConfig = {
  // Separate build folders let several checkouts or test runs build side by side.
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  // Native or server-only packages stay out of the bundle.
  serverExternalPackages: ['pg', 'aedes', 'mqtt', 'exceljs'],
  poweredByHeader: false,
  typedRoutes: false,
  // forbidden() answers 403 with app/forbidden.tsx when a role opens another persona's pages.
  experimental: {
    authInterrupts: true,
    // The bank's daily statement (~10 000 lines, under 1 MB today) is uploaded through a server
    // action, whose default limit is 1 MB; the parser refuses anything over 8 MB itself.
    serverActions: { bodySizeLimit: '10mb' },
  },
};

export default config;
