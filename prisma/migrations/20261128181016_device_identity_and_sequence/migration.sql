-- AlterTable
ALTER TABLE "Scale" ADD COLUMN     "lastSeq" BIGINT,
ADD COLUMN     "revokedAt" TIMESTAMPTZ(3),
ADD COLUMN     "secretIssuedAt" TIMESTAMPTZ(3),
ADD COLUMN     "secretSealed" BYTEA;

-- AlterTable
ALTER TABLE "Weighing" ADD COLUMN     "signature" BYTEA,
ADD COLUMN     "stallId" INTEGER;

-- CreateTable
CREATE TABLE "SequenceGap" (
    "id" BIGSERIAL NOT NULL,
    "scaleId" INTEGER NOT NULL,
    "fromSeq" BIGINT NOT NULL,
    "toSeq" BIGINT NOT NULL,
    "detectedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SequenceGap_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SequenceGap_scaleId_fromSeq_idx" ON "SequenceGap"("scaleId", "fromSeq");

-- AddForeignKey
ALTER TABLE "SequenceGap" ADD CONSTRAINT "SequenceGap_scaleId_fkey" FOREIGN KEY ("scaleId") REFERENCES "Scale"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
