// The shopper's receipt check: public, no sign-in, server-rendered, light enough for any phone.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { accuracyClassLabel, ShopperCard, ShopperNotFound, ShopperPage, ShopperRow } from '@/components/shopper-page.tsx';
import { db } from '@/lib/db/client.ts';
import { lookUpReceipt, type PublicStanding } from '@/lib/db/queries/receipts.ts';
import { receiptTokenSchema, standingTone, type ReceiptReason } from '@/lib/domain/receipt.ts';
import { yuanPerJin, yuanPerKg } from '@/lib/domain/unit-price.ts';
import { formatJin, formatKg, MG_PER_G } from '@/lib/domain/units.ts';
import { count, date, dateTime, money } from '@/lib/i18n/format.ts';
import type { Locale, Translate } from '@/lib/i18n/index.ts';
import { getTranslator } from '@/lib/i18n/server.ts';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  // A receipt page is for the one who holds the receipt: keep it out of search engines.
  return { title: t('shopper.title'), robots: { index: false, follow: false }, referrer: 'no-referrer' };
}

const VERDICT_STYLE = {
  green: { box: 'border-emerald-300 bg-emerald-50 text-emerald-900', icon: '✓' },
  amber: { box: 'border-amber-300 bg-amber-50 text-amber-900', icon: '!' },
  red: { box: 'border-red-300 bg-red-50 text-red-900', icon: '✕' },
} as const;

const STANDING_STYLE = {
  green: 'bg-emerald-100 text-emerald-800',
  red: 'bg-red-100 text-red-800',
} as const;

export default async function ReceiptPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  if (!receiptTokenSchema.safeParse(token).success) notFound();
  const found = await lookUpReceipt(db(), token);
  if (found.kind === 'not_found') notFound();
  const { locale, t } = await getTranslator();
  if (found.kind === 'reused') {
    // a code printed on more than one purchase: show neither (lib/domain/receipt-reuse.ts)
    return (
      <ShopperNotFound
        appName={t('app.name')}
        header={t('shopper.title')}
        title={t('shopper.reused.title')}
        body={t('shopper.reused.body')}
        callLabel={t('shopper.complaint.call')}
        testId="receipt-reused"
      />
    );
  }
  const { receipt } = found;
  const zh = locale === 'zh-CN';
  const { priceCheck } = receipt;
  const style = VERDICT_STYLE[receipt.verdict];

  const reasonText = (reason: ReceiptReason) =>
    reason === 'overcharged' || reason === 'undercharged'
      ? t(`shopper.reason.${reason}`, { amount: money(Math.abs(priceCheck.differenceFen)) })
      : t(`shopper.reason.${reason}`);

  const checkText =
    priceCheck.expectedFen === null
      ? t('shopper.check.unpriceable')
      : priceCheck.differenceFen === 0
        ? t('shopper.check.ok', { amount: money(priceCheck.expectedFen) })
        : t(priceCheck.differenceFen > 0 ? 'shopper.check.over' : 'shopper.check.under', {
            expected: money(priceCheck.expectedFen),
            amount: money(Math.abs(priceCheck.differenceFen)),
          });

  const mass = (mg: number) => t('shopper.mass', { kg: formatKg(mg), jin: formatJin(mg) });

  return (
    <ShopperPage appName={t('app.name')} title={t('shopper.title')}>
        <section className={`rounded-xl border-2 px-4 py-3 ${style.box}`} data-testid="receipt-verdict" data-verdict={receipt.verdict} role="status">
          <p className="flex items-center gap-2 text-lg font-bold">
            <span aria-hidden="true" className="inline-flex h-7 w-7 items-center justify-center rounded-full border-2 border-current text-base">
              {style.icon}
            </span>
            {t(`shopper.verdict.${receipt.verdict}`)}
          </p>
          <p className="mt-1 text-sm">{t(`shopper.verdict.${receipt.verdict}Body`)}</p>
          {receipt.reissued && (
            <p className="mt-1 text-sm" data-testid="receipt-reissued">
              {t('shopper.reissued')}
            </p>
          )}
          {receipt.reasons.length > 0 && (
            <ul className="mt-1 list-disc pl-5 text-sm" data-testid="receipt-reasons">
              {receipt.reasons.map((reason) => (
                <li key={reason} data-reason={reason}>
                  {reasonText(reason)}
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className="rounded-xl border border-stone-200 bg-white px-4 py-3 text-center shadow-sm">
          <p className="text-sm text-stone-500">
            {zh ? receipt.commodity.name : receipt.commodity.nameEn} · {t('shopper.price')}
          </p>
          <p className="text-3xl font-bold tabular-nums" data-testid="receipt-price">
            {money(receipt.priceFen)}
          </p>
          <p
            className={`mt-1 text-sm ${priceCheck.correct ? 'text-emerald-700' : priceCheck.differenceFen < 0 ? 'text-amber-700' : 'text-red-700'}`}
            data-testid="receipt-price-check"
            data-correct={priceCheck.correct}
          >
            {priceCheck.correct ? '✓ ' : '⚠ '}
            {checkText}
          </p>
        </section>

        <ShopperCard title={t('shopper.section.purchase')} testId="receipt-purchase">
          <dl className="divide-y divide-stone-100">
            <ShopperRow label={t('shopper.market')} testId="receipt-market">{zh ? receipt.market.name : receipt.market.nameEn}</ShopperRow>
            {receipt.stall && <ShopperRow label={t('shopper.stall')} testId="receipt-stall">{receipt.stall}</ShopperRow>}
            {receipt.shopName && <ShopperRow label={t('shopper.shop')} testId="receipt-shop">{receipt.shopName}</ShopperRow>}
            <ShopperRow label={t('shopper.time')} testId="receipt-time">{dateTime(receipt.issuedAt, locale)}</ShopperRow>
            <ShopperRow label={t('shopper.commodity')}>{zh ? receipt.commodity.name : receipt.commodity.nameEn}</ShopperRow>
            <ShopperRow label={t('shopper.unitPrice')} testId="receipt-unit-price">
              {t('shopper.perKg', { price: yuanPerKg(receipt.unitPriceFenPerKg) })}
              <br />
              <span className="text-sm font-normal text-stone-500">{t('shopper.perJin', { price: yuanPerJin(receipt.unitPriceFenPerKg) })}</span>
            </ShopperRow>
            <ShopperRow label={t('shopper.net')} testId="receipt-net">{mass(receipt.netMg)}</ShopperRow>
            <ShopperRow label={t('shopper.tare')} testId="receipt-tare">{receipt.tareMg > 0 ? mass(receipt.tareMg) : t('shopper.noTare')}</ShopperRow>
            <ShopperRow label={t('shopper.price')}>{money(receipt.priceFen)}</ShopperRow>
            <ShopperRow label={t('shopper.payment')}>{t(`shopper.pay.${receipt.paymentMethod}`)}</ShopperRow>
          </dl>
        </ShopperCard>

        <ShopperCard title={t('shopper.section.scale')} testId="receipt-scale">
          <dl className="divide-y divide-stone-100">
            <ShopperRow label={t('shopper.scale.serial')} testId="receipt-scale-serial">
              <span className="font-mono text-sm">{receipt.scale.serial}</span>
            </ShopperRow>
            <ShopperRow label={t('shopper.scale.model')}>
              {receipt.scale.maker} {receipt.scale.model}
            </ShopperRow>
            <ShopperRow label={t('shopper.scale.class')}>{accuracyClassLabel(t, receipt.scale.accuracyClass)}</ShopperRow>
            <ShopperRow label={t('shopper.scale.capacity')}>
              {t('shopper.scale.capacityValue', {
                min: count(receipt.scale.minMg / MG_PER_G, locale),
                max: formatKg(receipt.scale.maxMg, 0),
                e: count(receipt.scale.eMg / MG_PER_G, locale),
              })}
            </ShopperRow>
          </dl>
        </ShopperCard>

        <ShopperCard title={t('shopper.section.verification')} testId="receipt-verification">
          <div className="grid grid-cols-1 gap-3 py-1 min-[360px]:grid-cols-2">
            <Standing label={t('shopper.ver.atPurchase')} standing={receipt.atPurchase} t={t} locale={locale} testId="receipt-standing-purchase" />
            <Standing label={t('shopper.ver.today')} standing={receipt.today} t={t} locale={locale} testId="receipt-standing-today" />
          </div>
        </ShopperCard>

        <ShopperCard title={t('shopper.section.complaint')} testId="receipt-complaint">
          <ul className="list-disc space-y-1 pl-5 text-sm text-stone-700">
            <li data-testid="receipt-fair-scale">
              {receipt.fairScale
                ? receipt.fairScale.stall
                  ? t('shopper.complaint.fairScaleAt', { stall: receipt.fairScale.stall, serial: receipt.fairScale.serial })
                  : t('shopper.complaint.fairScale', { serial: receipt.fairScale.serial })
                : t('shopper.complaint.noFairScale')}
            </li>
            <li>{t('shopper.complaint.keep')}</li>
            <li data-testid="receipt-hotline">{t('shopper.complaint.hotline')}</li>
          </ul>
          <p className="mt-2 text-sm text-stone-500">{t('shopper.complaint.address', { address: receipt.market.address })}</p>
          <a href="tel:12315" className="mt-3 block rounded-lg bg-sun-700 px-4 py-2 text-center font-medium text-white" data-testid="receipt-call-12315">
            {t('shopper.complaint.call')}
          </a>
        </ShopperCard>

        <p className="px-1 pb-4 text-center text-xs text-stone-500">{t('shopper.footer')}</p>
    </ShopperPage>
  );
}

function Standing({ label, standing, t, locale, testId }: { label: string; standing: PublicStanding; t: Translate; locale: Locale; testId: string }) {
  const tone = standingTone(standing.status);
  return (
    <div className="rounded-lg border border-stone-100 bg-stone-50 p-3" data-testid={testId} data-status={standing.status}>
      <p className="text-xs text-stone-500">{label}</p>
      <p className={`mt-1 inline-block rounded px-2 py-0.5 text-sm font-semibold ${STANDING_STYLE[tone]}`}>{t(`shopper.vs.${standing.status}`)}</p>
      {standing.certificateNo && <p className="mt-1 break-all text-xs text-stone-600">{t('shopper.ver.certificate', { no: standing.certificateNo })}</p>}
      {standing.expiresOn && <p className="text-xs text-stone-600">{t('shopper.ver.expires', { date: date(standing.expiresOn, locale) })}</p>}
      {standing.authority && <p className="text-xs text-stone-600">{t('shopper.ver.authority', { name: standing.authority })}</p>}
    </div>
  );
}
