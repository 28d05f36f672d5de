// The public face of a receipt. No scope: the unguessable token is the capability. Returns only
// what a shopper may see: no ids, no merchant contact details.
import type { Db } from '../client.ts';
import { businessDay, dateAsDay } from '../../domain/business-day.ts';
import { checkPrice, isReceiptToken, legalStanding, receiptVerdict, type ReceiptReason, type ReceiptVerdict } from '../../domain/receipt.ts';
import type { VerificationStatus } from '../../domain/verification-status.ts';

export interface PublicStanding {
  status: VerificationStatus;
  certificateNo: string | null;
  verifiedOn: string | null;
  expiresOn: string | null;
  authority: string | null;
}

export interface PublicReceipt {
  token: string;
  issuedAt: Date;
  market: { name: string; nameEn: string; address: string };
  stall: string | null;
  shopName: string | null;
  commodity: { name: string; nameEn: string };
  unitPriceFenPerKg: number;
  grossMg: number;
  tareMg: number;
  netMg: number;
  priceFen: number;
  paymentMethod: 'bank_qr' | 'cash' | 'card';
  priceCheck: { expectedFen: number | null; differenceFen: number; correct: boolean };
  scale: { serial: string; model: string; maker: string; accuracyClass: string; maxMg: number; minMg: number; eMg: number };
  atPurchase: PublicStanding;
  today: PublicStanding;
  verdict: ReceiptVerdict;
  reasons: ReceiptReason[];
  fairScale: { serial: string; stall: string | null } | null;
  /** the scale printed another weighing's token on this purchase: this page, under its derived
   *  token, is the purchase's own (lib/domain/receipt-reuse.ts) */
  reissued: boolean;
}

/** What a token opens: a purchase, nothing, or — a token printed on more than one purchase — neither. */
export type ReceiptLookup = { kind: 'receipt'; receipt: PublicReceipt } | { kind: 'reused' } | { kind: 'not_found' };

/**
 * A printed token known to be on more than one purchase opens neither: the paper in the shopper's
 * hand may be either purchase's, and showing one shopper another's purchase is what must not happen.
 */
export async function lookUpReceipt(db: Db, token: string, now = new Date()): Promise<ReceiptLookup> {
  if (!isReceiptToken(token)) return { kind: 'not_found' };
  const [reused, receipt] = await Promise.all([
    db.receipt.findFirst({ where: { printedToken: token }, select: { token: true } }),
    getPublicReceipt(db, token, now),
  ]);
  if (reused) return { kind: 'reused' };
  return receipt ? { kind: 'receipt', receipt } : { kind: 'not_found' };
}

/** The receipt's public facts, judged as of `now`; null for a malformed or unknown token. Not
 * exported: whatever a shopper sees goes through lookUpReceipt, which refuses a reused token. */
async function getPublicReceipt(db: Db, token: string, now = new Date()): Promise<PublicReceipt | null> {
  if (!isReceiptToken(token)) return null;
  const receipt = await db.receipt.findUnique({ where: { token }, select: { token: true, issuedAt: true, weighingId: true, scaleId: true, printedToken: true } });
  if (!receipt) return null;
  // Weighing is partitioned by scaleTime, which the receipt carries as issuedAt: one partition is read.
  const [weighing, scale] = await Promise.all([
    db.weighing.findFirst({
      where: { id: receipt.weighingId, scaleTime: receipt.issuedAt },
      select: {
        marketId: true,
        merchantId: true,
        commodityId: true,
        unitPriceFenPerKg: true,
        grossMg: true,
        tareMg: true,
        netMg: true,
        priceFen: true,
        paymentMethod: true,
        findings: true,
      },
    }),
    db.scale.findUnique({
      where: { id: receipt.scaleId },
      select: {
        serial: true,
        model: true,
        maker: true,
        accuracyClass: true,
        maxMg: true,
        minMg: true,
        eMg: true,
        priceIntervalFen: true,
        status: true,
        stall: { select: { code: true } },
        verifications: { select: { certificateNo: true, verifiedOn: true, expiresOn: true, result: true, authority: true } },
        inspections: { where: { suspended: true }, orderBy: { at: 'desc' }, take: 1, select: { at: true } },
      },
    }),
  ]);
  if (!weighing || !scale) return null;
  const [market, fairScale, commodity, merchant] = await Promise.all([
    db.market.findUnique({ where: { id: weighing.marketId }, select: { name: true, nameEn: true, address: true } }),
    db.scale.findFirst({
      where: { marketId: weighing.marketId, purpose: 'fair', status: 'in_service' },
      orderBy: { serial: 'asc' },
      select: { serial: true, stall: { select: { code: true } } },
    }),
    db.commodity.findUnique({ where: { id: weighing.commodityId }, select: { name: true, nameEn: true } }),
    weighing.merchantId === null ? null : db.merchant.findUnique({ where: { id: weighing.merchantId }, select: { shopName: true } }),
  ]);
  if (!market || !commodity) return null;

  const verifications = scale.verifications.map((v) => ({ ...v, verifiedOn: dateAsDay(v.verifiedOn), expiresOn: dateAsDay(v.expiresOn) }));
  const facts = { verifications, scaleStatus: scale.status, suspendedSince: scale.inspections[0]?.at ?? null };
  const purchaseDay = businessDay(receipt.issuedAt);
  const atPurchase = legalStanding(facts, purchaseDay, receipt.issuedAt, false);
  const today = legalStanding(facts, businessDay(now), now, true);
  const priceCheck = checkPrice({
    unitPriceFenPerKg: weighing.unitPriceFenPerKg,
    netMg: weighing.netMg,
    priceFen: weighing.priceFen,
    intervalFen: scale.priceIntervalFen,
  });
  const { verdict, reasons } = receiptVerdict({ price: priceCheck, atPurchase: atPurchase.status, today: today.status, findings: weighing.findings });

  const publicStanding = (standing: typeof atPurchase): PublicStanding => {
    const v = standing.verification && verifications.find((candidate) => candidate.certificateNo === standing.verification?.certificateNo);
    return {
      status: standing.status,
      certificateNo: v?.certificateNo ?? null,
      verifiedOn: v?.verifiedOn ?? null,
      expiresOn: v?.expiresOn ?? null,
      authority: v?.authority ?? null,
    };
  };

  return {
    token: receipt.token,
    issuedAt: receipt.issuedAt,
    market,
    stall: scale.stall?.code ?? null,
    shopName: merchant?.shopName ?? null,
    commodity,
    unitPriceFenPerKg: weighing.unitPriceFenPerKg,
    grossMg: weighing.grossMg,
    tareMg: weighing.tareMg,
    netMg: weighing.netMg,
    priceFen: weighing.priceFen,
    paymentMethod: weighing.paymentMethod,
    priceCheck,
    scale: {
      serial: scale.serial,
      model: scale.model,
      maker: scale.maker,
      accuracyClass: scale.accuracyClass,
      maxMg: scale.maxMg,
      minMg: scale.minMg,
      eMg: scale.eMg,
    },
    atPurchase: publicStanding(atPurchase),
    today: publicStanding(today),
    verdict,
    reasons,
    fairScale: fairScale ? { serial: fairScale.serial, stall: fairScale.stall?.code ?? null } : null,
    reissued: receipt.printedToken !== null,
  };
}
