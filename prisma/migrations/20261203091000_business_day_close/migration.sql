-- CreateEnum
CREATE TYPE "SettlementLineKind" AS ENUM ('sale', 'refund', 'reversal', 'adjustment');

-- AlterTable
ALTER TABLE "Settlement" ADD COLUMN     "adjustmentFen" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "closedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "refundedFen" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "SettlementLine" (
    "id" BIGSERIAL NOT NULL,
    "settlementId" INTEGER NOT NULL,
    "kind" "SettlementLineKind" NOT NULL,
    "paymentId" BIGINT,
    "amountFen" INTEGER NOT NULL,
    "feeFen" INTEGER NOT NULL,
    "causeDay" DATE NOT NULL,
    "note" TEXT,

    CONSTRAINT "SettlementLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BusinessDayClose" (
    "businessDay" DATE NOT NULL,
    "closedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "settlements" INTEGER NOT NULL,
    "lines" INTEGER NOT NULL,
    "durationMs" INTEGER NOT NULL,

    CONSTRAINT "BusinessDayClose_pkey" PRIMARY KEY ("businessDay")
);

-- CreateIndex
CREATE UNIQUE INDEX "SettlementLine_paymentId_key" ON "SettlementLine"("paymentId");

-- CreateIndex
CREATE INDEX "SettlementLine_settlementId_idx" ON "SettlementLine"("settlementId");

-- AddForeignKey
ALTER TABLE "SettlementLine" ADD CONSTRAINT "SettlementLine_settlementId_fkey" FOREIGN KEY ("settlementId") REFERENCES "Settlement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SettlementLine" ADD CONSTRAINT "SettlementLine_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The close's queue: the payments no settlement has counted yet, by day. Partial, so it stays the
-- size of the open days however long the history grows (Prisma's schema cannot say WHERE).
CREATE INDEX "Payment_open_businessDay_idx" ON "Payment"("businessDay") WHERE "settlementId" IS NULL;

-- Settlements written before the close job (the demo seed's fabricated history) stay valid: each is
-- closed at the local midnight after its day, counts the captures of its merchant-day as sale lines
-- (as its gross did), and its day is recorded as closed so the job does not close it again.
UPDATE "Settlement" SET "closedAt" = ("businessDay" + 1)::timestamp AT TIME ZONE 'Asia/Shanghai';
UPDATE "Payment" p SET "settlementId" = s.id
  FROM "Settlement" s
 WHERE p."settlementId" IS NULL AND p.status = 'captured' AND p."merchantId" = s."merchantId" AND p."businessDay" = s."businessDay";
INSERT INTO "SettlementLine" ("settlementId", kind, "paymentId", "amountFen", "feeFen", "causeDay")
SELECT p."settlementId", 'sale', p.id, p."amountFen", 0, p."businessDay" FROM "Payment" p WHERE p."settlementId" IS NOT NULL;
INSERT INTO "BusinessDayClose" ("businessDay", "closedAt", settlements, lines, "durationMs")
SELECT s."businessDay", max(s."closedAt"), count(*), 0, 0 FROM "Settlement" s GROUP BY s."businessDay";

-- A closed settlement never changes its figures: only the payout (status, paidAt, bankRef) may be
-- recorded on it later. Anything else that touches a closed day is an adjustment line elsewhere.
CREATE FUNCTION settlement_figures_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW."merchantId", NEW."businessDay", NEW."paymentCount", NEW."grossFen", NEW."refundedFen", NEW."feeFen",
      NEW."adjustmentFen", NEW."netFen", NEW."weighedFen", NEW."closedAt")
     IS DISTINCT FROM
     (OLD."merchantId", OLD."businessDay", OLD."paymentCount", OLD."grossFen", OLD."refundedFen", OLD."feeFen",
      OLD."adjustmentFen", OLD."netFen", OLD."weighedFen", OLD."closedAt") THEN
    RAISE EXCEPTION 'settlement % is closed: its figures never change', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER settlement_figures_frozen BEFORE UPDATE ON "Settlement" FOR EACH ROW EXECUTE FUNCTION settlement_figures_frozen();

-- Lines are inserted by the close and never rewritten.
CREATE FUNCTION settlement_line_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'settlement line % is closed: lines are never updated', OLD.id USING ERRCODE = 'check_violation';
END $$;
CREATE TRIGGER settlement_line_frozen BEFORE UPDATE ON "SettlementLine" FOR EACH ROW EXECUTE FUNCTION settlement_line_frozen();

-- A payment, once counted by a settlement, stays with it (set to null only when that settlement is deleted).
CREATE FUNCTION payment_settlement_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."settlementId" IS NOT NULL AND NEW."settlementId" IS NOT NULL AND NEW."settlementId" <> OLD."settlementId" THEN
    RAISE EXCEPTION 'payment % is counted by settlement % already', OLD.id, OLD."settlementId" USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
-- WHEN keeps it off the close's own path (a payment not counted yet): the close marks a million rows.
CREATE TRIGGER payment_settlement_kept BEFORE UPDATE OF "settlementId" ON "Payment"
  FOR EACH ROW WHEN (OLD."settlementId" IS NOT NULL) EXECUTE FUNCTION payment_settlement_kept();
