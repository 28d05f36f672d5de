'use client';
// The inspection form, made for a phone at a stall: test points as cards, a live verdict under each
// (the same lib/domain code the server judges with), masses in kg or g as the display shows them.
// Submitted by script so that what was typed stays when the server names an error.
import { startTransition, useActionState, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import {
  livePointVerdict, suggestedPoints, type InspectionFormInput, type InspectionScaleFacts, type InspectionStage,
} from '@/lib/domain/inspection-form.ts';
import { massInputText, parseMassMg, type MassUnit } from '@/lib/domain/mass-input.ts';
import { massLabel, signedMassLabel } from '@/lib/domain/mass-label.ts';
import { readingsRange, TEST_POINT_KINDS, wholeMgMpe, type PointVerdict, type TestPointKind } from '@/lib/domain/metrology/index.ts';
import { useI18n } from '@/lib/i18n/client.tsx';
import type { MessageKey } from '@/lib/i18n/index.ts';
import type { RecordState } from './actions.ts';

interface PointState {
  key: number;
  kind: TestPointKind;
  reference: string;
  indications: string[];
}

export interface InspectionFormProps {
  scale: InspectionScaleFacts & { minMg: number };
  /** today's business day and the expiry a certificate of today usually carries */
  today: string;
  defaultExpiry: string;
  defaultAuthority: string;
  action: (previous: RecordState, input: InspectionFormInput) => Promise<RecordState>;
}

const INITIAL: RecordState = { fieldErrors: {} };
const input = 'block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-base tabular-nums focus:border-sun-500 focus:outline-none focus:ring-2 focus:ring-sun-400/40 aria-[invalid=true]:border-red-500';
const DEFAULT_READINGS: Record<TestPointKind, number> = { weighing: 1, zero: 1, tare: 1, repeatability: 3, eccentricity: 5 };

let nextKey = 1;

function pointsFor(stage: InspectionStage, scale: InspectionFormProps['scale'], unit: MassUnit): PointState[] {
  return suggestedPoints(stage, scale).map((point) => ({
    key: nextKey++,
    kind: point.kind,
    reference: massInputText(point.referenceMg, unit),
    indications: Array.from({ length: point.readings }, () => ''),
  }));
}

/** Re-writes a typed mass in another unit, exactly; text that is not a mass stays as typed. */
function convert(text: string, from: MassUnit, to: MassUnit): string {
  const mg = parseMassMg(text, from, { negative: true });
  return mg === null ? text : massInputText(mg, to);
}

export function InspectionForm({ scale, today, defaultExpiry, defaultAuthority, action }: InspectionFormProps) {
  const { t } = useI18n();
  const [state, dispatch, pending] = useActionState(action, INITIAL);
  const [stage, setStage] = useState<InspectionStage>('in_service');
  const [unit, setUnit] = useState<MassUnit>('kg');
  const [points, setPoints] = useState<PointState[]>(() => pointsFor('in_service', scale, 'kg'));
  const [certificate, setCertificate] = useState({ certificateNo: '', verifiedOn: today, expiresOn: defaultExpiry, authority: defaultAuthority, sealCode: '' });
  const [notes, setNotes] = useState('');
  // the order of the points when the form was last sent: the server names errors by position
  const [submitted, setSubmitted] = useState<number[]>([]);

  const verdicts = useMemo(() => points.map((point) => livePointVerdict(point, unit, scale, stage)), [points, unit, scale, stage]);
  const judged = verdicts.filter((verdict): verdict is PointVerdict => verdict !== null);
  const failing = judged.filter((verdict) => !verdict.passed).length;
  const complete = points.length > 0 && judged.length === points.length;

  const errors = state.fieldErrors;
  const errorOf = (point: PointState, field: string): MessageKey | undefined => {
    const index = submitted.indexOf(point.key);
    return index < 0 ? undefined : errors[`points.${index}.${field}`];
  };

  const update = (key: number, change: (point: PointState) => PointState) => setPoints((all) => all.map((point) => (point.key === key ? change(point) : point)));

  const changeStage = (next: InspectionStage) => {
    setStage(next);
    const pristine = points.every((point) => point.indications.every((value) => value.trim() === ''));
    if (pristine) setPoints(pointsFor(next, scale, unit));
  };
  const changeUnit = (next: MassUnit) => {
    setPoints((all) => all.map((point) => ({
      ...point,
      reference: convert(point.reference, unit, next),
      indications: point.indications.map((value) => convert(value, unit, next)),
    })));
    setUnit(next);
  };
  const changeKind = (key: number, kind: TestPointKind) => update(key, (point) => {
    const [least, most] = readingsRange(kind);
    const wanted = Math.min(most, Math.max(least, kind === point.kind ? point.indications.length : DEFAULT_READINGS[kind]));
    const indications = point.indications.slice(0, wanted);
    while (indications.length < wanted) indications.push('');
    return { ...point, kind, indications };
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(points.map((point) => point.key));
    const payload: InspectionFormInput = {
      stage,
      unit,
      points: points.map(({ kind, reference, indications }) => ({ kind, reference, indications })),
      notes,
      ...(stage === 'verification' ? certificate : {}),
    };
    startTransition(() => dispatch(payload));
  };

  const fieldError = (message: MessageKey | undefined, id: string) =>
    message ? <span id={id} className="mt-1 block text-sm text-red-600" data-testid={id}>{t(message)}</span> : null;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="inspection-form">
      {state.formError && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="form-error">{t(state.formError)}</p>}

      <fieldset className="space-y-2 rounded-lg border border-stone-200 bg-white p-3">
        <legend className="px-1 text-sm font-medium">{t('inspect.stage')}</legend>
        <div className="grid grid-cols-2 gap-2">
          {(['in_service', 'verification'] as const).map((value) => (
            <label key={value} className={`cursor-pointer rounded-md border px-3 py-2 text-center ${stage === value ? 'border-sun-600 bg-sun-50 font-semibold' : 'border-stone-300'}`}>
              <input type="radio" name="stage" value={value} checked={stage === value} onChange={() => changeStage(value)} className="sr-only" data-testid={`stage-${value}`} />
              {t(`inspect.stage.${value}`)}
            </label>
          ))}
        </div>
        <p className="text-xs text-stone-500">{t(`inspect.stage.${stage}.hint`)}</p>
        <label className="flex items-center gap-2 text-sm">
          <span>{t('inspect.unit')}</span>
          <select value={unit} onChange={(event) => changeUnit(event.target.value as MassUnit)} className="rounded-md border border-stone-300 bg-white px-2 py-1" data-testid="inspection-unit">
            <option value="kg">{t('inspect.unit.kg')}</option>
            <option value="g">{t('inspect.unit.g')}</option>
          </select>
        </label>
      </fieldset>

      <section className="space-y-3" aria-label={t('inspect.points')}>
        <h2 className="font-semibold">{t('inspect.points')}</h2>
        {fieldError(errors.points, 'points-error')}
        {points.map((point, index) => (
          <PointCard
            key={point.key}
            index={index}
            point={point}
            unit={unit}
            verdict={verdicts[index] ?? null}
            errorOf={(field) => errorOf(point, field)}
            onKind={(kind) => changeKind(point.key, kind)}
            onReference={(value) => update(point.key, (p) => ({ ...p, reference: value }))}
            onIndication={(reading, value) => update(point.key, (p) => ({ ...p, indications: p.indications.map((old, i) => (i === reading ? value : old)) }))}
            onAddReading={() => update(point.key, (p) => ({ ...p, indications: [...p.indications, ''] }))}
            onRemove={() => setPoints((all) => all.filter((p) => p.key !== point.key))}
          />
        ))}
        <button
          type="button"
          onClick={() => setPoints((all) => [...all, { key: nextKey++, kind: 'weighing', reference: '', indications: [''] }])}
          className="w-full rounded-md border border-dashed border-stone-400 px-3 py-2 text-sm hover:bg-stone-50"
          data-testid="add-point"
        >
          {t('inspect.addPoint')}
        </button>
      </section>

      {stage === 'verification' && (
        <fieldset className="grid grid-cols-1 gap-3 rounded-lg border border-stone-200 bg-white p-3 sm:grid-cols-2" data-testid="certificate-fields">
          <legend className="px-1 text-sm font-medium">{t('inspect.certificate')}</legend>
          {(['certificateNo', 'verifiedOn', 'expiresOn', 'authority', 'sealCode'] as const).map((field) => (
            <label key={field} className="block">
              <span className="text-sm font-medium">{t(`inspect.field.${field}`)}</span>
              <input
                type={field === 'verifiedOn' || field === 'expiresOn' ? 'date' : 'text'}
                value={certificate[field]}
                onChange={(event) => setCertificate((old) => ({ ...old, [field]: event.target.value }))}
                disabled={field === 'expiresOn' && complete && failing > 0}
                aria-invalid={Boolean(errors[field])}
                aria-describedby={errors[field] ? `${field}-error` : undefined}
                className={`mt-1 ${input}`}
                data-testid={`inspection-${field}`}
              />
              {field === 'expiresOn' && !errors[field] && <span className="mt-1 block text-xs text-stone-500">{t('inspect.field.expiresOnHint')}</span>}
              {fieldError(errors[field], `${field}-error`)}
            </label>
          ))}
        </fieldset>
      )}

      <label className="block">
        <span className="text-sm font-medium">{t('inspect.field.notes')}</span>
        <textarea value={notes} onChange={(event) => setNotes(event.target.value)} rows={2} maxLength={500} className={`mt-1 ${input}`} data-testid="inspection-notes" />
        {fieldError(errors.notes, 'notes-error')}
      </label>

      <div className="sticky bottom-0 -mx-4 space-y-2 border-t border-stone-200 bg-stone-50/95 px-4 py-3 backdrop-blur">
        <p
          className={`text-sm font-medium ${!complete ? 'text-stone-600' : failing > 0 ? 'text-red-700' : 'text-emerald-700'}`}
          data-testid="inspection-summary"
          data-result={!complete ? 'pending' : failing > 0 ? 'failed' : 'passed'}
        >
          {!complete ? t('inspect.summary.pending') : failing > 0 ? t('inspect.summary.failed', { count: failing }) : t('inspect.summary.passed')}
        </p>
        <button type="submit" disabled={pending} className="w-full rounded-md bg-sun-600 px-4 py-3 text-base font-medium text-white hover:bg-sun-700 disabled:opacity-60" data-testid="inspection-submit">
          {pending ? t('inspect.submitting') : t('inspect.submit')}
        </button>
      </div>
    </form>
  );
}

function PointCard(props: {
  index: number;
  point: PointState;
  unit: MassUnit;
  verdict: PointVerdict | null;
  errorOf: (field: string) => MessageKey | undefined;
  onKind: (kind: TestPointKind) => void;
  onReference: (value: string) => void;
  onIndication: (reading: number, value: string) => void;
  onAddReading: () => void;
  onRemove: () => void;
}) {
  const { t } = useI18n();
  const { index, point, unit, verdict } = props;
  const id = `point-${index}`;
  const [, most] = readingsRange(point.kind);
  const several = point.kind === 'repeatability' || point.kind === 'eccentricity';
  const referenceError = props.errorOf('reference');
  const readingsError = props.errorOf('indications');
  const err = (message: MessageKey | undefined, testId: string): ReactNode =>
    message ? <span id={testId} className="mt-1 block text-sm text-red-600" data-testid={testId}>{t(message)}</span> : null;
  const tone = verdict === null ? 'border-stone-200' : verdict.passed ? 'border-emerald-300' : 'border-red-400';
  return (
    <div className={`space-y-2 rounded-lg border-2 bg-white p-3 ${tone}`} data-testid={id}>
      <div className="flex items-center gap-2">
        <span className="text-sm font-semibold tabular-nums">{index + 1}</span>
        <select value={point.kind} onChange={(event) => props.onKind(event.target.value as TestPointKind)} className="flex-1 rounded-md border border-stone-300 bg-white px-2 py-1.5" data-testid={`${id}-kind`}>
          {TEST_POINT_KINDS.map((kind) => <option key={kind} value={kind}>{t(`inspect.kind.${kind}`)}</option>)}
        </select>
        <button type="button" onClick={props.onRemove} className="rounded-md px-2 py-1 text-sm text-stone-600 hover:bg-stone-100" data-testid={`${id}-remove`}>
          {t('inspect.removePoint')}
        </button>
      </div>
      <p className="text-xs text-stone-500">{t(`inspect.kindHint.${point.kind}`)}</p>
      <label className="block">
        <span className="text-sm">{t(point.kind === 'tare' ? 'inspect.referenceNet' : 'inspect.reference', { unit })}</span>
        <input
          type="text"
          inputMode="decimal"
          autoComplete="off"
          value={point.reference}
          onChange={(event) => props.onReference(event.target.value)}
          aria-invalid={Boolean(referenceError)}
          aria-describedby={referenceError ? `${id}-reference-error` : undefined}
          className={`mt-1 ${input}`}
          data-testid={`${id}-reference`}
        />
        {err(referenceError, `${id}-reference-error`)}
      </label>
      <div className={several ? 'grid grid-cols-2 gap-2 sm:grid-cols-3' : ''}>
        {point.indications.map((value, reading) => {
          const readingError = props.errorOf(`indications.${reading}`);
          const judged = verdict?.readings[reading];
          return (
            <label key={reading} className="block">
              <span className="text-sm">
                {several ? t(point.kind === 'eccentricity' ? 'inspect.position' : 'inspect.reading', { n: reading + 1 }) : t(point.kind === 'tare' ? 'inspect.indicationNet' : 'inspect.indication', { unit })}
              </span>
              <input
                type="text"
                inputMode="decimal"
                autoComplete="off"
                value={value}
                onChange={(event) => props.onIndication(reading, event.target.value)}
                aria-invalid={Boolean(readingError) || (judged !== undefined && !judged.within)}
                className={`mt-1 ${input}`}
                data-testid={`${id}-indication-${reading}`}
              />
              {judged && several && <span className={`block text-xs tabular-nums ${judged.within ? 'text-stone-500' : 'text-red-700'}`}>{signedMassLabel(judged.errorMg)}</span>}
              {err(readingError, `${id}-indication-${reading}-error`)}
            </label>
          );
        })}
      </div>
      {several && point.indications.length < most && (
        <button type="button" onClick={props.onAddReading} className="text-sm text-sun-700 hover:underline" data-testid={`${id}-add-reading`}>
          {t(point.kind === 'eccentricity' ? 'inspect.addPosition' : 'inspect.addReading')}
        </button>
      )}
      {err(readingsError, `${id}-indications-error`)}
      <p
        className={`text-sm tabular-nums ${verdict === null ? 'text-stone-500' : verdict.passed ? 'text-emerald-700' : 'font-semibold text-red-700'}`}
        data-testid={`${id}-verdict`}
        data-passed={verdict === null ? undefined : String(verdict.passed)}
      >
        {verdict === null ? t('inspect.live.pending') : <LiveVerdict verdict={verdict} />}
      </p>
    </div>
  );
}

function LiveVerdict({ verdict }: { verdict: PointVerdict }) {
  const { t } = useI18n();
  const worst = verdict.readings.reduce((a, b) => (Math.abs(b.errorMg) > Math.abs(a.errorMg) ? b : a));
  const parts = [
    verdict.passed ? t('inspect.live.pass') : t('inspect.live.fail'),
    t('inspect.live.error', { error: signedMassLabel(worst.errorMg) }),
    t('inspect.live.limit', { limit: massLabel(wholeMgMpe(verdict.limitMg)) }),
  ];
  if (verdict.spreadMg !== null) parts.push(t('inspect.live.spread', { spread: massLabel(verdict.spreadMg) }));
  for (const failure of verdict.failures) parts.push(t(`inspect.failure.${failure}`));
  return <>{parts.join(' · ')}</>;
}
