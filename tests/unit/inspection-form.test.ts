// The inspection form as posted, parsed and judged: the same function the browser runs for the live
// verdict and the server runs before storing.
import { describe, expect, it } from 'vitest';
import { livePointVerdict, parseInspectionForm, suggestedPoints, type InspectionFormInput } from '../../lib/domain/inspection-form.ts';

const scale = { accuracyClass: 'III' as const, eMg: 5_000, maxMg: 15_000_000, minMg: 100_000 };
const today = '2026-11-28';

function form(change: Partial<InspectionFormInput> = {}): InspectionFormInput {
  return {
    stage: 'in_service',
    unit: 'kg',
    points: [
      { kind: 'zero', reference: '0', indications: ['0'] },
      { kind: 'weighing', reference: '2.5', indications: ['2.505'] },
      { kind: 'weighing', reference: '10', indications: ['10.01', ''] },
    ],
    ...change,
  };
}

const verification = (points: InspectionFormInput['points'], change: Partial<InspectionFormInput> = {}): InspectionFormInput => ({
  stage: 'verification', unit: 'kg', points,
  certificateNo: 'HYJL2026-009001', verifiedOn: today, expiresOn: '2027-11-27', authority: '衡阳市计量测试检定所', sealCode: 'HYF-2026-019001',
  ...change,
});

const fullVerification = (weighing = '2.5'): InspectionFormInput['points'] => [
  { kind: 'zero', reference: '0', indications: ['0'] },
  { kind: 'weighing', reference: '2.5', indications: [weighing] },
  { kind: 'repeatability', reference: '7.5', indications: ['7.5', '7.505', '7.5'] },
  { kind: 'eccentricity', reference: '5', indications: ['5', '5.005', '4.995', '5', '5'] },
];

describe('parseInspectionForm', () => {
  it('turns a spot check typed in kg into mg and judges it at the in-service MPE', () => {
    const parsed = parseInspectionForm(form(), scale, today);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.fieldErrors));
    expect(parsed.form.points).toEqual([
      { kind: 'zero', referenceMg: 0, indicationsMg: [0] },
      { kind: 'weighing', referenceMg: 2_500_000, indicationsMg: [2_505_000] },
      { kind: 'weighing', referenceMg: 10_000_000, indicationsMg: [10_010_000] },
    ]);
    expect(parsed.form.verification).toBeNull();
    // 10 kg = 2 000 e: ±10 g in service, so +10 g passes
    expect(parsed.verdict.points.map((point) => [point.limitMg, point.passed])).toEqual([[1_250, true], [5_000, true], [10_000, true]]);
    expect(parsed.verdict.passed).toBe(true);
  });

  it('fails the inspection when an indication is far off', () => {
    const parsed = parseInspectionForm(form({ points: [{ kind: 'weighing', reference: '2.5', indications: ['2.6'] }] }), scale, today);
    expect(parsed.ok && parsed.verdict.passed).toBe(false);
  });

  it('names each bad field by its path', () => {
    const parsed = parseInspectionForm(form({
      unit: 'g',
      points: [
        { kind: 'weighing', reference: '2500.0001', indications: ['2500'] },
        { kind: 'weighing', reference: '15005', indications: ['abc'] },
        { kind: 'repeatability', reference: '7500', indications: ['7500', '', '7500'] },
        { kind: 'eccentricity', reference: '5000', indications: ['5000', '5000'] },
        { kind: 'zero', reference: '', indications: [''] },
      ],
    }), scale, today);
    expect(parsed).toEqual({
      ok: false,
      fieldErrors: {
        'points.0.reference': 'inspect.error.massG',
        'points.1.reference': 'inspect.error.aboveMax',
        'points.1.indications.0': 'inspect.error.massG',
        'points.2.indications.1': 'inspect.error.required',
        'points.3.indications': 'inspect.error.eccentricityPositions',
        'points.4.reference': 'inspect.error.required',
        'points.4.indications.0': 'inspect.error.required',
      },
    });
  });

  it('refuses no points, and a shape it does not know', () => {
    expect(parseInspectionForm(form({ points: [] }), scale, today)).toEqual({ ok: false, fieldErrors: { points: 'inspect.error.noPoints' } });
    expect(parseInspectionForm({ ...form(), stage: 'audit' }, scale, today)).toEqual({ ok: false, fieldErrors: { stage: 'inspect.error.invalid' } });
    expect(parseInspectionForm(null, scale, today).ok).toBe(false);
  });

  it('wants a verification to cover weighing, repeatability, eccentricity and zero', () => {
    const parsed = parseInspectionForm(verification(form().points), scale, today);
    expect(parsed).toEqual({ ok: false, fieldErrors: { points: 'inspect.error.verificationKinds' } });
  });

  it('keeps a passing verification’s certificate with its expiry and seal', () => {
    const parsed = parseInspectionForm(verification(fullVerification()), scale, today);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.fieldErrors));
    expect(parsed.verdict.passed).toBe(true);
    expect(parsed.form.verification).toEqual({
      certificateNo: 'HYJL2026-009001', verifiedOn: today, expiresOn: '2027-11-27', authority: '衡阳市计量测试检定所', sealCode: 'HYF-2026-019001',
    });
  });

  it('gives a failed verification no validity and no seal, whatever was typed', () => {
    // 2.5 kg at verification: ±2.5 g, so +5 g fails
    const parsed = parseInspectionForm(verification(fullVerification('2.505'), { expiresOn: 'not a date' }), scale, today);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.fieldErrors));
    expect(parsed.verdict.passed).toBe(false);
    expect(parsed.form.verification).toMatchObject({ verifiedOn: today, expiresOn: today, sealCode: null });
  });

  it('checks the certificate’s number and dates', () => {
    const errors = (change: Partial<InspectionFormInput>) => {
      const parsed = parseInspectionForm(verification(fullVerification(), change), scale, today);
      return parsed.ok ? {} : parsed.fieldErrors;
    };
    expect(errors({ certificateNo: '' })).toEqual({ certificateNo: 'inspect.error.required' });
    expect(errors({ certificateNo: '证书1' })).toEqual({ certificateNo: 'inspect.error.certificateNo' });
    expect(errors({ verifiedOn: '2026-11-29' })).toEqual({ verifiedOn: 'inspect.error.verifiedInFuture' });
    expect(errors({ verifiedOn: '2026-10-28' })).toEqual({ verifiedOn: 'inspect.error.verifiedTooOld' });
    expect(errors({ verifiedOn: '2026-02-30' })).toEqual({ verifiedOn: 'inspect.error.day' });
    expect(errors({ expiresOn: today })).toEqual({ expiresOn: 'inspect.error.expiryBeforeVerified' });
    expect(errors({ expiresOn: '2027-11-29' })).toEqual({ expiresOn: 'inspect.error.expiryTooLate' });
    expect(errors({ expiresOn: '2027-11-28' })).toEqual({});
    expect(errors({ authority: ' ' })).toEqual({ authority: 'inspect.error.required' });
    expect(errors({ sealCode: '封 1' })).toEqual({ sealCode: 'inspect.error.sealCode' });
  });
});

describe('livePointVerdict', () => {
  it('judges a point as soon as it is complete, and waits otherwise', () => {
    expect(livePointVerdict({ kind: 'weighing', reference: '2.5', indications: [''] }, 'kg', scale, 'in_service')).toBeNull();
    expect(livePointVerdict({ kind: 'weighing', reference: '2.5', indications: ['2.6'] }, 'kg', scale, 'in_service'))
      .toMatchObject({ passed: false, limitMg: 5_000, readings: [{ errorMg: 100_000, within: false }] });
    expect(livePointVerdict({ kind: 'weighing', reference: '2.5', indications: ['2.505'] }, 'kg', scale, 'verification')?.passed).toBe(false);
  });
});

describe('suggestedPoints', () => {
  it('starts a spot check at zero, Min, each change of MPE and Max; a verification adds repeatability and eccentricity', () => {
    expect(suggestedPoints('in_service', scale)).toEqual([
      { kind: 'zero', referenceMg: 0, readings: 1 },
      { kind: 'weighing', referenceMg: 100_000, readings: 1 },
      { kind: 'weighing', referenceMg: 2_500_000, readings: 1 },
      { kind: 'weighing', referenceMg: 10_000_000, readings: 1 },
      { kind: 'weighing', referenceMg: 15_000_000, readings: 1 },
    ]);
    expect(suggestedPoints('verification', scale).slice(5)).toEqual([
      { kind: 'repeatability', referenceMg: 7_500_000, readings: 3 },
      { kind: 'eccentricity', referenceMg: 5_000_000, readings: 5 },
    ]);
  });
});
