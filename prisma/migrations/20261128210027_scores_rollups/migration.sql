-- AlterTable
ALTER TABLE "ScaleDay" ADD COLUMN     "priceFindingCount" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "MerchantDay" ADD COLUMN     "priceFindingCount" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "ScaleEvent_scaleId_kind_scaleTime_idx" ON "ScaleEvent"("scaleId", "kind", "scaleTime");

-- Backfill: rollup rows written before this migration count their price findings from the raw
-- weighings, once (the list is lib/domain/price-findings.ts PRICE_FINDINGS).
WITH priced AS (
  SELECT "scaleId", "merchantId", ("scaleTime" AT TIME ZONE 'Asia/Shanghai')::date AS day
    FROM "Weighing"
   WHERE "findings" && ARRAY['price_mismatch', 'price_on_invalid_mass']::text[]
), per_scale AS (
  UPDATE "ScaleDay" t SET "priceFindingCount" = s.n
    FROM (SELECT "scaleId", day, count(*)::int AS n FROM priced GROUP BY 1, 2) s
   WHERE t."scaleId" = s."scaleId" AND t."businessDay" = s.day
)
UPDATE "MerchantDay" t SET "priceFindingCount" = s.n
  FROM (SELECT "merchantId", day, count(*)::int AS n FROM priced WHERE "merchantId" IS NOT NULL GROUP BY 1, 2) s
 WHERE t."merchantId" = s."merchantId" AND t."businessDay" = s.day;
