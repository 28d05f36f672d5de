'use client';
import { usePathname, useSearchParams } from 'next/navigation';
import { useI18n } from '@/lib/i18n/client.tsx';

export function LocaleSwitch({ className = '' }: { className?: string }) {
  const { locale, t } = useI18n();
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const here = `${pathname ?? '/'}${search ? `?${search}` : ''}`;
  const other = locale === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <a
      href={`/api/locale?lang=${other}&next=${encodeURIComponent(here)}`}
      className={`rounded border border-current/30 px-2 py-0.5 text-sm hover:bg-white/10 ${className}`}
      lang={other}
      data-testid="locale-switch"
    >
      {t('locale.switch')}
    </a>
  );
}
