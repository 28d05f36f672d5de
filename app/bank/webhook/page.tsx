// The bank officer's view of the payment webhook: what the bank's system must send (programme id,
// endpoint), when the secret was issued, how the programme's payments stand, and issuing a new
// secret (shown once). The contract itself is the public page /bank-api.
import type { Metadata } from 'next';
import { StatCard } from '@/components/stat-card.tsx';
import { requirePersona } from '@/lib/auth/current.ts';
import { webhookStatus } from '@/lib/db/bank-programme.ts';
import { db } from '@/lib/db/client.ts';
import { count, dateTime } from '@/lib/i18n/format.ts';
import { getTranslator } from '@/lib/i18n/server.ts';
import { Rich } from '../../protocol/parts.tsx';
import { RotatePanel } from './rotate-panel.tsx';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('bankWebhook.title') };
}

const COUNTS = ['matched', 'waiting', 'amount_mismatch', 'unmatched', 'conflicts'] as const;
const TONE = { matched: 'good', waiting: 'default', amount_mismatch: 'bad', unmatched: 'bad', conflicts: 'warn' } as const;

export default async function BankWebhookPage() {
  const user = await requirePersona('bank');
  const { locale, t } = await getTranslator();
  const status = await webhookStatus(db(), user);
  const [before, after] = t('bankWebhook.intro').split('{docs}');

  return (
    <div className="space-y-6">
      <section className="space-y-2 rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
        <h1 className="text-xl font-semibold">{t('bankWebhook.title')}</h1>
        <p className="text-sm text-stone-700">
          {before}
          <a href="/bank-api" className="font-medium text-sun-700 underline underline-offset-2">
            {t('bankWebhook.docs')}
          </a>
          {after}
        </p>
        {status ? (
          <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]" data-testid="webhook-status">
            <dt className="text-stone-500"><Rich text={t('bankWebhook.programme')} /></dt>
            <dd className="font-mono" data-testid="webhook-programme">{status.programmeId}</dd>
            <dt className="text-stone-500">{t('bankWebhook.endpoint')}</dt>
            <dd className="font-mono">POST /api/bank/payments</dd>
            <dt className="text-stone-500">{t('bankWebhook.issuedAt')}</dt>
            <dd data-testid="webhook-issued-at">{status.secretIssuedAt ? dateTime(status.secretIssuedAt, locale) : t('bankWebhook.notIssued')}</dd>
          </dl>
        ) : (
          <p className="text-sm text-stone-600">{t('bankWebhook.none')}</p>
        )}
      </section>

      {status && (
        <section className="space-y-3">
          <h2 className="font-semibold">{t('bankWebhook.counts')}</h2>
          <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
            {COUNTS.map((key) => (
              <StatCard key={key} label={t(`bankWebhook.count.${key}`)} value={count(status.counts[key], locale)} tone={key !== 'matched' && key !== 'waiting' && status.counts[key] === 0 ? 'good' : TONE[key]} testId={`webhook-count-${key}`} />
            ))}
          </div>
          <p className="text-sm">
            <a href="/api/bank/exceptions" className="font-medium text-sun-700 underline underline-offset-2">
              {t('bankWebhook.exceptions')} → /api/bank/exceptions
            </a>
          </p>
        </section>
      )}

      {status && <RotatePanel />}
    </div>
  );
}
