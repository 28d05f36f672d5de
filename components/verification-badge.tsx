import type { VerificationStatus } from '@/lib/domain/verification-status.ts';
import { Badge } from './badge.tsx';
import { verificationTone } from './status-tones.ts';

/** A scale's legal status; `data-status` carries the machine value for tests and styling. */
export function VerificationBadge({ status, label, testId }: { status: VerificationStatus; label: string; testId?: string }) {
  return (
    <span data-status={status} className="contents">
      <Badge tone={verificationTone(status)} testId={testId}>{label}</Badge>
    </span>
  );
}
