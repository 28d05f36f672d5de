// The scale's QR label, to print and stick on the scale: the code opens the scale's public page
// (/s/<serial>), where a shopper checks its verification and an inspector starts an inspection.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { QrCode } from '@/components/qr-code.tsx';
import { requirePersona } from '@/lib/auth/current.ts';
import { db } from '@/lib/db/client.ts';
import { scaleWhere } from '@/lib/db/scope.ts';
import { massLabel } from '@/lib/domain/mass-label.ts';
import { parseRecordId } from '@/lib/domain/record-id.ts';
import { publicOrigin, publicScalePath } from '@/lib/http/public-origin.ts';
import { getTranslator } from '@/lib/i18n/server.ts';
import { localName } from '../../../_components/view.ts';
import { PrintButton } from './print-button.tsx';

type Props = { params: Promise<{ id: string }> };

const loadScale = cache(async (rawId: string) => {
  const user = await requirePersona('regulator');
  const id = parseRecordId(rawId);
  if (id === null) notFound();
  const scale = await db().scale.findFirst({
    where: { AND: [{ id }, scaleWhere(user.scope)] },
    select: {
      id: true, serial: true, model: true, maker: true, accuracyClass: true, maxMg: true, minMg: true, eMg: true,
      market: { select: { name: true, nameEn: true } },
      stall: { select: { code: true } },
    },
  });
  if (!scale) notFound();
  return scale;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ t }, scale] = await Promise.all([getTranslator(), params.then(({ id }) => loadScale(id))]);
  return { title: t('label.title', { serial: scale.serial }) };
}

export default async function ScaleLabelPage({ params }: Props) {
  const scale = await loadScale((await params).id);
  const [{ locale, t }, origin] = await Promise.all([getTranslator(), publicOrigin()]);
  const url = `${origin}${publicScalePath(scale.serial)}`;
  return (
    <div className="space-y-4">
      <header className="space-y-1 print:hidden">
        <p className="text-sm text-stone-500">
          <Link href={`/regulator/scales/${scale.id}`} className="hover:underline">{scale.serial}</Link>
        </p>
        <h1 className="text-2xl font-semibold">{t('label.heading')}</h1>
        <p className="text-sm text-stone-600">{t('label.hint')}</p>
        <PrintButton label={t('label.print')} />
      </header>
      {/* 60 × 80 mm, the size of a verification sticker: it fits the front of a price-computing scale */}
      <article
        className="flex w-[60mm] flex-col items-center gap-1 rounded-md border-2 border-black bg-white p-[3mm] text-center text-black print:rounded-none"
        data-testid="scale-label"
      >
        <p className="text-[11pt] font-bold leading-tight">☀ {t('app.name')} · {t('label.scan')}</p>
        <QrCode text={url} label={t('label.qrAlt', { serial: scale.serial })} className="h-[46mm] w-[46mm]" testId="label-qr" />
        <p className="font-mono text-[10pt] font-semibold" data-testid="label-serial">{scale.serial}</p>
        <p className="text-[7.5pt] leading-tight">
          {scale.maker} {scale.model} · {t('label.class', { class: scale.accuracyClass })}
          <br />
          Max {massLabel(scale.maxMg)} · Min {massLabel(scale.minMg)} · e = {massLabel(scale.eMg)}
        </p>
        <p className="text-[7.5pt] leading-tight">
          {localName(locale, scale.market)}
          {scale.stall ? ` · ${scale.stall.code}` : ''}
        </p>
      </article>
      <p className="break-all text-xs text-stone-500 print:hidden" data-testid="label-url">{url}</p>
    </div>
  );
}
