import { qrPath } from '@/lib/labels/qr.ts';

/** A QR code as inline SVG (server-rendered; black on white whatever the theme, as scanners want). */
export function QrCode({ text, label, className, testId }: { text: string; label: string; className?: string; testId?: string }) {
  const { size, d } = qrPath(text);
  return (
    <svg
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
      className={className}
      data-testid={testId}
      data-text={text}
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
