// The origin printed into QR labels (a scale's public page). PUBLIC_BASE_URL when set — the address
// shoppers' phones reach, which behind a proxy is not the one the app listens on; else the origin
// the request came in on, so a label printed from the regulator's browser opens where it was made.
import { headers } from 'next/headers';

export async function publicOrigin(): Promise<string> {
  const configured = process.env.PUBLIC_BASE_URL?.trim().replace(/\/+$/, '');
  if (configured) return configured;
  const request = await headers();
  const host = request.get('x-forwarded-host') ?? request.get('host') ?? '127.0.0.1:3000';
  const proto = request.get('x-forwarded-proto') ?? 'http';
  return `${proto.split(',')[0]?.trim() || 'http'}://${host.split(',')[0]?.trim()}`;
}

/** The public page of a scale: the target of its QR label. */
export function publicScalePath(serial: string): string {
  return `/s/${encodeURIComponent(serial)}`;
}
