-- AlterTable
ALTER TABLE "Inspection" ADD COLUMN     "reinstated" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "stage" "MetrologyStage" NOT NULL DEFAULT 'in_service',
ADD COLUMN     "verificationId" INTEGER;

-- AlterTable
ALTER TABLE "CheckWeighing" ADD COLUMN     "reading" INTEGER,
ADD COLUMN     "referenceScaleId" INTEGER,
ADD COLUMN     "testPoint" INTEGER;

-- CreateIndex
CREATE UNIQUE INDEX "Inspection_verificationId_key" ON "Inspection"("verificationId");

-- CreateIndex
CREATE INDEX "CheckWeighing_inspectionId_idx" ON "CheckWeighing"("inspectionId");

-- AddForeignKey
ALTER TABLE "Inspection" ADD CONSTRAINT "Inspection_verificationId_fkey" FOREIGN KEY ("verificationId") REFERENCES "Verification"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckWeighing" ADD CONSTRAINT "CheckWeighing_referenceScaleId_fkey" FOREIGN KEY ("referenceScaleId") REFERENCES "Scale"("id") ON DELETE SET NULL ON UPDATE CASCADE;
