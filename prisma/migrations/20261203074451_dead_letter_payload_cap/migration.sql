-- AlterTable: the dead letter keeps at most the first 8 KiB of a payload, with the whole payload's
-- size and SHA-256 (DEAD_LETTER_PAYLOAD_BYTES in lib/db/ingest-store.ts).
ALTER TABLE "RejectedMessage" ADD COLUMN     "payloadBytes" INTEGER,
ADD COLUMN     "payloadSha256" TEXT;

-- Backfill: rows written before this migration hold their whole payload, so its size and hash are
-- those of what is stored; then their payload is cut like a new row's, which frees the space an
-- over-large message took.
UPDATE "RejectedMessage"
   SET "payloadBytes" = octet_length("payload"),
       "payloadSha256" = encode(sha256("payload"), 'hex'),
       "payload" = substring("payload" FROM 1 FOR 8192);

ALTER TABLE "RejectedMessage" ALTER COLUMN "payloadBytes" SET NOT NULL,
ALTER COLUMN "payloadSha256" SET NOT NULL;
