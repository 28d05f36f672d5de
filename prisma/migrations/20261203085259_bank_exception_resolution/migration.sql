-- CreateEnum
CREATE TYPE "BankExceptionKind" AS ENUM ('payment', 'conflict', 'settlement');

-- CreateTable
CREATE TABLE "BankExceptionResolution" (
    "id" SERIAL NOT NULL,
    "kind" "BankExceptionKind" NOT NULL,
    "entityId" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "resolvedById" INTEGER NOT NULL,
    "resolvedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BankExceptionResolution_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BankExceptionResolution_resolvedAt_idx" ON "BankExceptionResolution"("resolvedAt");

-- CreateIndex
CREATE UNIQUE INDEX "BankExceptionResolution_kind_entityId_key" ON "BankExceptionResolution"("kind", "entityId");

-- AddForeignKey
ALTER TABLE "BankExceptionResolution" ADD CONSTRAINT "BankExceptionResolution_resolvedById_fkey" FOREIGN KEY ("resolvedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
