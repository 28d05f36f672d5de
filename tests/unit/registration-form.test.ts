import { describe, expect, it } from 'vitest';
import { parseRegistration } from '../../lib/db/provisioning.ts';

const form = (overrides: Record<string, string> = {}) => ({
  marketId: '1', stallId: '2', purpose: 'trade', serial: 'HY-TEST-0001', model: 'ACS-15', maker: '上海友声衡器', accuracyClass: 'III',
  maxG: '15000', minG: '', eG: '5', dG: '5', softwareId: 'V1.0 ab12', ...overrides,
});
const errorsOf = (overrides: Record<string, string>) => {
  const parsed = parseRegistration(form(overrides));
  return parsed.ok ? {} : parsed.fieldErrors;
};

describe('the registration form checks the configuration against its class', () => {
  it('accepts typical scales of every class, down to the class minimum Min', () => {
    const cases: [Record<string, string>, number][] = [
      [{}, 100_000], // III, 15 kg / 5 g: 20 e
      [{ maxG: '30000', eG: '10', dG: '10' }, 200_000],
      [{ accuracyClass: 'II', maxG: '3000', eG: '0.5', dG: '0.05' }, 25_000], // II, e ≥ 0.1 g: 50 e
      [{ accuracyClass: 'II', maxG: '500', eG: '0.01', dG: '0.01' }, 200], // II, e ≤ 50 mg: 20 e
      [{ accuracyClass: 'I', maxG: '220', eG: '0.001', dG: '0.001' }, 100], // I: 100 e
      [{ accuracyClass: 'IIII', maxG: '500000', eG: '500', dG: '500' }, 5_000_000], // IIII: 10 e
    ];
    const grams = (mg: number) => (mg / 1000).toFixed(3);
    for (const [overrides, minMg] of cases) {
      expect(parseRegistration(form(overrides)), JSON.stringify(overrides)).toMatchObject({ ok: true, form: { minMg: undefined } });
      // the class minimum is the boundary: at it accepted, one mg below refused
      expect(parseRegistration(form({ ...overrides, minG: grams(minMg) })), JSON.stringify(overrides)).toMatchObject({ ok: true, form: { minMg } });
      expect(errorsOf({ ...overrides, minG: grams(minMg - 1) }), JSON.stringify(overrides)).toEqual({ minG: 'regulator.provision.error.minOfClass' });
    }
  });

  it('names the field and the rule of each class, not only class III', () => {
    expect(errorsOf({ accuracyClass: 'IIII', maxG: '5000', eG: '1', dG: '1' })).toEqual({ eG: 'regulator.provision.error.eOfClass' });
    expect(errorsOf({ accuracyClass: 'I', maxG: '40', eG: '0.001', dG: '0.001' })).toEqual({ maxG: 'regulator.provision.error.nOfClass' });
    expect(errorsOf({ accuracyClass: 'II', maxG: '300', eG: '0.1', dG: '0.1' })).toEqual({ maxG: 'regulator.provision.error.nOfClass' });
    expect(errorsOf({ accuracyClass: 'III', maxG: '60000', eG: '5', dG: '5' })).toEqual({ maxG: 'regulator.provision.error.nOfClass' });
    expect(errorsOf({ accuracyClass: 'II', maxG: '3000', eG: '0.5', dG: '0.5', minG: '20' })).toEqual({ minG: 'regulator.provision.error.minOfClass' });
    expect(errorsOf({ eG: '3', dG: '3' })).toEqual({ eG: 'regulator.provision.error.eSteps', dG: 'regulator.provision.error.dSteps' });
    expect(errorsOf({ eG: '5', dG: '2' })).toEqual({ dG: 'regulator.provision.error.dOfE' });
    expect(errorsOf({ maxG: '15002' })).toEqual({ maxG: 'regulator.provision.error.maxOfE' });
    expect(errorsOf({ maxG: '2500', minG: '2500' })).toEqual({ maxG: 'regulator.provision.error.maxAboveMin' });
  });
});
