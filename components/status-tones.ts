// Badge colours for domain statuses, one place for every persona.
import type { BadgeTone } from './badge.tsx';
import type { SettlementStatus } from '@/lib/domain/settlement.ts';
import type { VerificationStatus } from '@/lib/domain/verification-status.ts';

export function settlementTone(status: SettlementStatus): BadgeTone {
  return status === 'paid' ? 'green' : status === 'pending' ? 'amber' : 'red';
}

/** Green when a scale may lawfully trade, amber when its verification runs out soon, red when it may not. */
export function verificationTone(status: VerificationStatus): BadgeTone {
  switch (status) {
    case 'valid':
      return 'green';
    case 'expiring':
      return 'amber';
    default:
      return 'red';
  }
}
