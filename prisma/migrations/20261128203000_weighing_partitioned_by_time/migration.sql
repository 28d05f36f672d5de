-- Weighing becomes a table partitioned by calendar month (Beijing time) of the scale's clock.
-- Prisma cannot express partitioning, so this migration is written by hand; the datamodel it
-- leads to is the one in schema.snapshot.prisma (primary key (id, scaleTime), unique
-- (scaleId, seq, scaleTime), no foreign keys into or out of Weighing and Receipt).

-- DropForeignKey: Weighing and Receipt are raw evidence, checked by the ingest transaction.
ALTER TABLE "CheckWeighing" DROP CONSTRAINT "CheckWeighing_weighingId_fkey";
ALTER TABLE "Weighing" DROP CONSTRAINT "Weighing_scaleId_fkey";
ALTER TABLE "Weighing" DROP CONSTRAINT "Weighing_merchantId_fkey";
ALTER TABLE "Weighing" DROP CONSTRAINT "Weighing_commodityId_fkey";
ALTER TABLE "Receipt" DROP CONSTRAINT "Receipt_weighingId_fkey";
ALTER TABLE "Receipt" DROP CONSTRAINT "Receipt_scaleId_fkey";
ALTER TABLE "Payment" DROP CONSTRAINT "Payment_weighingId_fkey";
ALTER TABLE "Complaint" DROP CONSTRAINT "Complaint_weighingId_fkey";

-- The old table steps aside with its data; its sequence keeps numbering the new one.
ALTER TABLE "Weighing" RENAME TO "Weighing_unpartitioned";
ALTER TABLE "Weighing_unpartitioned" RENAME CONSTRAINT "Weighing_pkey" TO "Weighing_unpartitioned_pkey";
ALTER INDEX "Weighing_scaleId_seq_key" RENAME TO "Weighing_unpartitioned_scaleId_seq_key";
ALTER INDEX "Weighing_merchantId_scaleTime_idx" RENAME TO "Weighing_unpartitioned_merchantId_scaleTime_idx";

-- CreateTable (columns in the old table's order, so that its rows copy across as they are)
CREATE TABLE "Weighing" (
    "id" BIGINT NOT NULL DEFAULT nextval('"Weighing_id_seq"'),
    "scaleId" INTEGER NOT NULL,
    "seq" BIGINT NOT NULL,
    "scaleTime" TIMESTAMPTZ(3) NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "merchantId" INTEGER,
    "marketId" INTEGER NOT NULL,
    "commodityId" INTEGER NOT NULL,
    "unitPriceFenPerKg" INTEGER NOT NULL,
    "grossMg" INTEGER NOT NULL,
    "tareMg" INTEGER NOT NULL,
    "netMg" INTEGER NOT NULL,
    "priceFen" INTEGER NOT NULL,
    "stable" BOOLEAN NOT NULL,
    "paymentMethod" "PaymentMethod" NOT NULL,
    "findings" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "signature" BYTEA,
    "stallId" INTEGER,

    CONSTRAINT "Weighing_pkey" PRIMARY KEY ("id", "scaleTime")
) PARTITION BY RANGE ("scaleTime");
ALTER SEQUENCE "Weighing_id_seq" OWNED BY "Weighing"."id";

-- CreateIndex
CREATE UNIQUE INDEX "Weighing_scaleId_seq_scaleTime_key" ON "Weighing"("scaleId", "seq", "scaleTime");
CREATE INDEX "Weighing_merchantId_scaleTime_idx" ON "Weighing"("merchantId", "scaleTime");

-- A row whose month has no partition yet lands here rather than being refused;
-- weighing_ensure_partitions moves such rows into their month when it makes it.
CREATE TABLE "Weighing_default" PARTITION OF "Weighing" DEFAULT;

-- Makes the monthly partitions "Weighing_YYYY_MM" covering [p_from, p_to); returns how many it made.
-- Safe to call concurrently and while the ingest writes: ATTACH takes a lock that lets inserts on.
CREATE FUNCTION weighing_ensure_partitions(p_from TIMESTAMPTZ, p_to TIMESTAMPTZ) RETURNS INTEGER
LANGUAGE plpgsql AS $$
DECLARE
  month DATE := date_trunc('month', p_from AT TIME ZONE 'Asia/Shanghai')::date;
  lo TIMESTAMPTZ;
  hi TIMESTAMPTZ;
  name TEXT;
  made INTEGER := 0;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('weighing_ensure_partitions'));
  WHILE (month::timestamp AT TIME ZONE 'Asia/Shanghai') < p_to LOOP
    name := format('Weighing_%s', to_char(month, 'YYYY_MM'));
    lo := month::timestamp AT TIME ZONE 'Asia/Shanghai';
    hi := (month + INTERVAL '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai';
    IF to_regclass(format('%I', name)) IS NULL THEN
      EXECUTE format('CREATE TABLE %I (LIKE "Weighing" INCLUDING DEFAULTS)', name);
      EXECUTE format('WITH moved AS (DELETE FROM "Weighing_default" WHERE "scaleTime" >= %L AND "scaleTime" < %L RETURNING *)
                      INSERT INTO %I SELECT * FROM moved', lo, hi, name);
      EXECUTE format('ALTER TABLE "Weighing" ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', name, lo, hi);
      made := made + 1;
    END IF;
    month := month + INTERVAL '1 month';
  END LOOP;
  RETURN made;
END $$;

-- Partitions for the data already stored and the two months ahead; then the data moves across.
SELECT weighing_ensure_partitions(
  LEAST(COALESCE((SELECT min("scaleTime") FROM "Weighing_unpartitioned"), now()), now()),
  GREATEST(COALESCE((SELECT max("scaleTime") FROM "Weighing_unpartitioned"), now()), now()) + INTERVAL '2 months');
INSERT INTO "Weighing" ("id", "scaleId", "seq", "scaleTime", "receivedAt", "merchantId", "marketId", "commodityId", "unitPriceFenPerKg",
                        "grossMg", "tareMg", "netMg", "priceFen", "stable", "paymentMethod", "findings", "signature", "stallId")
SELECT "id", "scaleId", "seq", "scaleTime", "receivedAt", "merchantId", "marketId", "commodityId", "unitPriceFenPerKg",
       "grossMg", "tareMg", "netMg", "priceFen", "stable", "paymentMethod", "findings", "signature", "stallId"
  FROM "Weighing_unpartitioned";
DROP TABLE "Weighing_unpartitioned";
