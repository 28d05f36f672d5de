// Query-string parameters of the regulator's lists (`?page=2&status=expiring`). Lenient on purpose:
// a bad page reads as page 1 and an unknown filter as "no filter", so a tampered link still opens.
import { z } from 'zod';
import { firstParam, pageParam } from './search-param.ts';
import { isVerificationStatus } from './supervision.ts';
import type { VerificationStatus } from './verification-status.ts';

export const scaleListQuery = z.object({
  page: pageParam,
  status: z.preprocess(firstParam, z.custom<VerificationStatus>(isVerificationStatus).optional()).catch(undefined),
  /** `online=1`: only scales online now; `online=0`: only those offline */
  online: z.preprocess(firstParam, z.enum(['1', '0']).transform((value) => value === '1').optional()).catch(undefined),
});

export type ScaleListQuery = z.infer<typeof scaleListQuery>;

export const ALERT_STATUS_FILTERS = ['open', 'acknowledged', 'closed', 'all'] as const;
export const ALERT_SEVERITIES = ['critical', 'warning', 'info'] as const;

/** The alert list: open alerts by default, the figure the overview counts. */
export const alertListQuery = z.object({
  page: pageParam,
  status: z.preprocess(firstParam, z.enum(ALERT_STATUS_FILTERS)).catch('open'),
  severity: z.preprocess(firstParam, z.enum(ALERT_SEVERITIES).optional()).catch(undefined),
});
export type AlertListQuery = z.infer<typeof alertListQuery>;

export const COMPLAINT_STATUS_FILTERS = ['open', 'submitted', 'accepted', 'investigating', 'upheld', 'dismissed', 'closed', 'all'] as const;

/** The complaint list: complaints still waiting for a decision by default (`open`), as the overview counts them. */
export const complaintListQuery = z.object({
  page: pageParam,
  status: z.preprocess(firstParam, z.enum(COMPLAINT_STATUS_FILTERS)).catch('open'),
});
export type ComplaintListQuery = z.infer<typeof complaintListQuery>;

/** The list of stalls not covered by a verified, connected scale. */
export const pageQuery = z.object({ page: pageParam });
