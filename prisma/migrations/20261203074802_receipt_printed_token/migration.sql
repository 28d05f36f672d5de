-- AlterTable: the token a scale printed, kept on a receipt stored under a derived token because
-- another weighing already owned the printed one (lib/domain/receipt-reuse.ts).
ALTER TABLE "Receipt" ADD COLUMN     "printedToken" TEXT;

-- CreateIndex: partial, by hand (schema.prisma declares it plain): nearly every receipt has no
-- printed token of its own, and an index of their NULLs would cost the ingest a B-tree insert per
-- receipt for nothing. The shopper's page looks up one printed token here per scan.
CREATE INDEX "Receipt_printedToken_idx" ON "Receipt"("printedToken") WHERE "printedToken" IS NOT NULL;
