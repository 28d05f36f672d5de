import { VerificationBadge } from '@/components/verification-badge.tsx';
import type { VerificationStatus } from '@/lib/domain/verification-status.ts';
import type { Translate } from '@/lib/i18n/index.ts';

export function StatusBadge({ status, t, testId = 'scale-status' }: { status: VerificationStatus; t: Translate; testId?: string }) {
  return <VerificationBadge status={status} label={t(`regulator.status.${status}`)} testId={testId} />;
}

export function OnlineDot({ online, t }: { online: boolean; t: Translate }) {
  return (
    <span className={`inline-flex items-center gap-1 ${online ? 'text-emerald-700' : 'text-stone-500'}`} data-online={online}>
      <span className={`inline-block h-2 w-2 rounded-full ${online ? 'bg-emerald-500' : 'bg-stone-300'}`} aria-hidden />
      {online ? t('regulator.online') : t('regulator.offline')}
    </span>
  );
}
