// GET /api/verification-reminders: one reminder per market in the signed-in regulator's scope that
// has scales needing attention (expiring within 30 days, expired, failed, suspended, unverified),
// addressed to the market's managers. For a notifier (SMS, WeChat) to send; nothing is sent here.
import { db } from '@/lib/db/client.ts';
import { verificationReminders } from '@/lib/db/queries/verification-lifecycle.ts';
import { businessDay } from '@/lib/domain/business-day.ts';
import { EXPIRY_WARNING_DAYS } from '@/lib/domain/verification-status.ts';
import { apiRoute } from '@/lib/http/api.ts';

export const GET = apiRoute({
  personas: ['regulator'],
  run: async (user) => {
    const today = businessDay(new Date());
    return { today, warningDays: EXPIRY_WARNING_DAYS, reminders: await verificationReminders(db(), user.scope, today) };
  },
});
