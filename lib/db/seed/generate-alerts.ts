// Alerts the anomaly rules would have raised on the seeded history: the misbehaving scales,
// expired or failed verifications, a moved calibration counter. Most are open; a few were handled.
import { addDays } from '../../domain/business-day.ts';
import { localTime } from './dates.ts';
import type { ScaleProfile, Scales } from './generate-scales.ts';
import type { Rng } from './prng.ts';
import type { AlertRow, CheckWeighingRow, Day, VerificationRow, WeighingRow } from './types.ts';

export function generateAlerts(
  rng: Rng,
  input: { scales: Scales; byScale: Map<number, WeighingRow[]>; checkWeighings: CheckWeighingRow[]; days: Day[] },
): AlertRow[] {
  const { scales, byScale, days } = input;
  const lastDay = days[days.length - 1];
  if (lastDay === undefined) return [];
  const alerts: AlertRow[] = [];
  const raise = (profile: ScaleProfile, fields: Pick<AlertRow, 'rule' | 'severity' | 'raisedAt' | 'detail'> & Partial<AlertRow>): void => {
    alerts.push({
      id: 0, status: 'open', closedAt: null, marketId: profile.scale.marketId, scaleId: profile.scale.id,
      merchantId: profile.merchant?.merchant.id ?? null, ...fields,
    });
  };
  const latestVerification = new Map<number, VerificationRow>();
  for (const verification of scales.verifications) latestVerification.set(verification.scaleId, verification);

  for (const profile of scales.profiles) {
    const { behaviour } = profile;
    if (behaviour === 'price_mismatch' || behaviour === 'unstable' || behaviour === 'below_min') {
      const flagged = (byScale.get(profile.scale.id) ?? []).filter((weighing) => weighing.findings.includes(behaviour));
      const first = flagged[0];
      if (first) {
        raise(profile, {
          rule: behaviour, severity: behaviour === 'price_mismatch' ? 'warning' : 'info', raisedAt: first.receivedAt + 60_000,
          detail: { weighings: flagged.length, firstWeighingId: first.id },
        });
      }
    }
    if (behaviour === 'heavy') {
      const reweighs = input.checkWeighings.filter((check) => check.scaleId === profile.scale.id && check.source === 'fair_scale');
      const failed = reweighs.filter((check) => !check.passed);
      const trigger = failed[Math.min(2, failed.length - 1)];
      if (trigger) {
        const meanRatio = reweighs.reduce((sum, check) => sum + check.indicationMg / check.referenceMg, 0) / reweighs.length;
        raise(profile, {
          rule: 'reweigh_ratio', severity: 'critical', raisedAt: trigger.at + 60_000,
          detail: { reweighs: reweighs.length, failed: failed.length, meanRatio: Math.round(meanRatio * 1000) / 1000 },
        });
      }
    }
    if (profile.counterMoved) {
      const counter = profile.scale.calibrationCounter;
      raise(profile, {
        rule: 'counter_moved', severity: 'critical', raisedAt: localTime(rng.pick(days), 5, rng.int(30, 55)),
        detail: { counter: 'calibration', from: counter - 1, to: counter, lastVerifiedOn: latestVerification.get(profile.scale.id)?.verifiedOn },
      });
    }
    const latest = latestVerification.get(profile.scale.id);
    if (!latest) continue;
    if (profile.state === 'expired') {
      raise(profile, {
        rule: 'verification_expired', severity: 'warning', raisedAt: localTime(addDays(latest.expiresOn, 1), 0, 5),
        detail: { certificateNo: latest.certificateNo, expiresOn: latest.expiresOn },
      });
    }
    if (profile.state === 'failed' && profile.tradeUntil !== null) {
      raise(profile, {
        rule: 'verification_failed', severity: 'critical', status: 'acknowledged', raisedAt: profile.tradeUntil,
        detail: { certificateNo: latest.certificateNo, verifiedOn: latest.verifiedOn },
      });
    }
  }
  // A few reminders already seen by the market, and an outage that fixed itself.
  for (const profile of scales.profiles.filter((candidate) => candidate.state === 'expiring').slice(0, 3)) {
    const latest = latestVerification.get(profile.scale.id);
    if (!latest) continue;
    const remindOn = addDays(latest.expiresOn, -30);
    raise(profile, {
      rule: 'verification_expiring', severity: 'info', status: 'acknowledged',
      raisedAt: localTime(remindOn < lastDay ? remindOn : lastDay, 0, 5),
      detail: { certificateNo: latest.certificateNo, expiresOn: latest.expiresOn },
    });
  }
  const outage = rng.pick(scales.profiles.filter((profile) => profile.scale.purpose === 'trade'));
  const outageAt = localTime(rng.pick(days), 10, rng.int(0, 59));
  raise(outage, {
    rule: 'scale_offline', severity: 'info', status: 'closed', raisedAt: outageAt, closedAt: outageAt + rng.int(40, 150) * 60_000,
    detail: { silentMinutes: 15 },
  });

  alerts.sort((a, b) => a.raisedAt - b.raisedAt);
  alerts.forEach((alert, index) => {
    alert.id = index + 1;
  });
  return alerts;
}
