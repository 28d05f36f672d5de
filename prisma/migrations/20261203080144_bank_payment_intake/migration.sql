-- CreateEnum
CREATE TYPE "PaymentMatch" AS ENUM ('matched', 'amount_mismatch', 'waiting', 'unmatched');

-- AlterEnum
ALTER TYPE "PaymentStatus" ADD VALUE 'reversed';

-- DropForeignKey
ALTER TABLE "Payment" DROP CONSTRAINT "Payment_merchantId_fkey";

-- DropIndex
DROP INDEX "Payment_weighingId_key";

-- AlterTable
ALTER TABLE "Programme" ADD COLUMN     "webhookSecretIssuedAt" TIMESTAMPTZ(3),
ADD COLUMN     "webhookSecretSealed" BYTEA;

-- AlterTable
ALTER TABLE "Payment" ADD COLUMN     "match" "PaymentMatch" NOT NULL DEFAULT 'matched',
ADD COLUMN     "matchedAt" TIMESTAMPTZ(3),
ADD COLUMN     "originalRef" TEXT,
ADD COLUMN     "programmeId" INTEGER,
ADD COLUMN     "receiptToken" TEXT,
ADD COLUMN     "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "settlementId" INTEGER,
ALTER COLUMN "merchantId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "PaymentConflict" (
    "id" BIGSERIAL NOT NULL,
    "programmeId" INTEGER NOT NULL,
    "bankRef" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "notification" JSONB NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PaymentConflict_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PaymentConflict_receivedAt_idx" ON "PaymentConflict"("receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentConflict_bankRef_contentHash_key" ON "PaymentConflict"("bankRef", "contentHash");

-- CreateIndex
CREATE INDEX "Payment_weighingId_idx" ON "Payment"("weighingId");

-- CreateIndex
CREATE INDEX "Payment_receiptToken_idx" ON "Payment"("receiptToken");

-- CreateIndex
CREATE INDEX "Payment_originalRef_idx" ON "Payment"("originalRef");

-- CreateIndex
CREATE INDEX "Payment_match_receivedAt_idx" ON "Payment"("match", "receivedAt");

-- CreateIndex
CREATE INDEX "Payment_settlementId_idx" ON "Payment"("settlementId");

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_settlementId_fkey" FOREIGN KEY ("settlementId") REFERENCES "Settlement"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Backfill: rows written before the webhook (the demo seed's history) are captures by the
-- programme's bank. Those with a weighing are matched to it (by its id: they carry no receipt token,
-- no bank sent them); those without one (a payment made outside a weighing) are the exceptions they
-- always were.
UPDATE "Payment" p SET "programmeId" = m."programmeId" FROM "Merchant" m WHERE m.id = p."merchantId";
UPDATE "Payment" SET "matchedAt" = "paidAt" WHERE "weighingId" IS NOT NULL;
UPDATE "Payment" SET "match" = 'unmatched' WHERE "weighingId" IS NULL;
UPDATE "Payment" SET "receivedAt" = "paidAt";
