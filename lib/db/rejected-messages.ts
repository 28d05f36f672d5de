// The dead letter: every message the ingest could not trust, with its raw bytes and the reason.
import type { Db } from './client.ts';

export interface Rejection {
  topic: string;
  payload: Uint8Array;
  reason: string;
  detail?: string;
  scaleSerial?: string | null;
}

export async function recordRejected(db: Db, rejection: Rejection): Promise<void> {
  await db.rejectedMessage.create({
    data: {
      topic: rejection.topic.slice(0, 512),
      payload: new Uint8Array(rejection.payload),
      reason: rejection.reason,
      detail: rejection.detail?.slice(0, 2000) ?? null,
      scaleSerial: rejection.scaleSerial ?? null,
    },
  });
}
