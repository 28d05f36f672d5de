-- CreateEnum
CREATE TYPE "ReconciliationResult" AS ENUM ('matched', 'mismatched', 'unmatched', 'missing_from_statement');

-- CreateEnum
CREATE TYPE "MerchantDayResult" AS ENUM ('agrees', 'differs', 'no_settlement');

-- CreateEnum
CREATE TYPE "StatementKind" AS ENUM ('captured', 'refunded', 'reversed');

-- CreateTable
CREATE TABLE "BankStatement" (
    "id" SERIAL NOT NULL,
    "programmeId" INTEGER NOT NULL,
    "businessDay" DATE NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "fileName" TEXT NOT NULL,
    "byteSize" INTEGER NOT NULL,
    "lineCount" INTEGER NOT NULL,
    "capturedFen" BIGINT NOT NULL,
    "matchedCount" INTEGER NOT NULL,
    "mismatchedCount" INTEGER NOT NULL,
    "unmatchedCount" INTEGER NOT NULL,
    "missingCount" INTEGER NOT NULL,
    "merchantDaysDiffer" INTEGER NOT NULL,
    "importedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "importedById" INTEGER,

    CONSTRAINT "BankStatement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankStatementLine" (
    "id" BIGSERIAL NOT NULL,
    "statementId" INTEGER NOT NULL,
    "lineNo" INTEGER,
    "result" "ReconciliationResult" NOT NULL,
    "differences" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "bankRef" TEXT NOT NULL,
    "licenseNo" TEXT,
    "merchantId" INTEGER,
    "businessDay" DATE,
    "kind" "StatementKind",
    "amountFen" INTEGER,
    "paymentId" BIGINT,
    "paymentMerchantId" INTEGER,
    "paymentAmountFen" INTEGER,
    "paymentBusinessDay" DATE,
    "paymentStatus" TEXT,

    CONSTRAINT "BankStatementLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankStatementMerchantDay" (
    "statementId" INTEGER NOT NULL,
    "merchantId" INTEGER NOT NULL,
    "statementCount" INTEGER NOT NULL,
    "statementFen" INTEGER NOT NULL,
    "settlementId" INTEGER,
    "settlementGrossFen" INTEGER,
    "result" "MerchantDayResult" NOT NULL,

    CONSTRAINT "BankStatementMerchantDay_pkey" PRIMARY KEY ("statementId","merchantId")
);

-- CreateIndex
CREATE INDEX "BankStatement_programmeId_importedAt_idx" ON "BankStatement"("programmeId", "importedAt");

-- CreateIndex
CREATE UNIQUE INDEX "BankStatement_programmeId_sha256_key" ON "BankStatement"("programmeId", "sha256");

-- CreateIndex
CREATE INDEX "BankStatementLine_statementId_result_id_idx" ON "BankStatementLine"("statementId", "result", "id");

-- AddForeignKey
ALTER TABLE "BankStatement" ADD CONSTRAINT "BankStatement_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankStatement" ADD CONSTRAINT "BankStatement_importedById_fkey" FOREIGN KEY ("importedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankStatementLine" ADD CONSTRAINT "BankStatementLine_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "BankStatement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankStatementMerchantDay" ADD CONSTRAINT "BankStatementMerchantDay_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "BankStatement"("id") ON DELETE CASCADE ON UPDATE CASCADE;
