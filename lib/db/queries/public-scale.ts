// The public face of a scale: what the QR label on it opens (/s/<serial>). No scope and no sign-in:
// only what a shopper may see on the scale's data plate and certificate — no merchant contact, no
// device identity, no trade.
import type { Db } from '../client.ts';
import { dateAsDay } from '../../domain/business-day.ts';
import { SERIAL_PATTERN } from '../../domain/protocol/topics.ts';
import { verificationStatus, type VerificationStatus } from '../../domain/verification-status.ts';
import { inUse, latestVerification, statusOf } from './scales.ts';

export interface PublicScale {
  /** for the signed-in regulator's scope check only; not shown */
  id: number;
  marketId: number;
  serial: string;
  maker: string;
  model: string;
  accuracyClass: 'I' | 'II' | 'III' | 'IIII';
  maxMg: number;
  minMg: number;
  eMg: number;
  dMg: number;
  purpose: 'trade' | 'fair';
  market: { name: string; nameEn: string; address: string };
  stall: string | null;
  /** retired scales keep their page, so an old label still tells the truth */
  retired: boolean;
  suspended: boolean;
  status: VerificationStatus;
  /** the latest verification, as on its certificate */
  verification: { certificateNo: string; verifiedOn: string; expiresOn: string; result: 'passed' | 'failed'; authority: string } | null;
  fairScales: { serial: string; stall: string | null; status: VerificationStatus }[];
}

/** The scale with this serial (exact, as printed), or null. */
export async function getPublicScale(db: Db, serial: string, today: string): Promise<PublicScale | null> {
  if (!SERIAL_PATTERN.test(serial)) return null;
  const scale = await db.scale.findUnique({
    where: { serial },
    select: {
      id: true, marketId: true, serial: true, maker: true, model: true, accuracyClass: true, maxMg: true, minMg: true, eMg: true, dMg: true,
      purpose: true, status: true,
      market: { select: { name: true, nameEn: true, address: true } },
      stall: { select: { code: true } },
      verifications: {
        orderBy: [{ verifiedOn: 'desc' }, { id: 'desc' }],
        take: 1,
        select: { certificateNo: true, verifiedOn: true, expiresOn: true, result: true, authority: true },
      },
    },
  });
  if (!scale) return null;
  const fair = await db.scale.findMany({
    where: { AND: [{ marketId: scale.marketId, purpose: 'fair', id: { not: scale.id } }, inUse] },
    orderBy: { serial: 'asc' },
    select: { serial: true, status: true, stall: { select: { code: true } }, verifications: latestVerification },
  });
  const latest = scale.verifications[0] ?? null;
  const verification = latest && { ...latest, verifiedOn: dateAsDay(latest.verifiedOn), expiresOn: dateAsDay(latest.expiresOn) };
  // a retired scale is judged by its certificate alone (verificationStatus knows no retirement)
  const status = verificationStatus(
    { scaleStatus: scale.status === 'suspended' ? 'suspended' : 'in_service', latest: verification && { result: verification.result, expiresOn: verification.expiresOn } },
    today,
  );
  return {
    id: scale.id,
    marketId: scale.marketId,
    serial: scale.serial,
    maker: scale.maker,
    model: scale.model,
    accuracyClass: scale.accuracyClass,
    maxMg: scale.maxMg,
    minMg: scale.minMg,
    eMg: scale.eMg,
    dMg: scale.dMg,
    purpose: scale.purpose,
    market: scale.market,
    stall: scale.stall?.code ?? null,
    retired: scale.status === 'retired',
    suspended: scale.status === 'suspended',
    status,
    verification,
    fairScales: fair.map((row) => ({ serial: row.serial, stall: row.stall?.code ?? null, status: statusOf(row, today) })),
  };
}
