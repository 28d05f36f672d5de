// Check weighings over time: each one's error in e as a dot, its maximum permissible error as a
// grey bar around zero; a dot outside its bar is out of tolerance (red). Time runs left to right
// by the order of the checks, so dense days stay readable.
export interface ErrorDatum {
  /** error ÷ e */
  error: number;
  /** MPE ÷ e */
  mpe: number;
  passed: boolean;
  /** axis label, shown for some points */
  label: string;
  title: string;
}

export function ErrorChart({ data, label, height = 220, testId }: { data: ErrorDatum[]; label: string; height?: number; testId?: string }) {
  const width = 1000;
  const pad = { top: 12, right: 16, bottom: 24, left: 44 };
  const inner = { w: width - pad.left - pad.right, h: height - pad.top - pad.bottom };
  const reach = Math.max(1, ...data.map((d) => Math.max(Math.abs(d.error), d.mpe))) * 1.15;
  const slot = inner.w / Math.max(1, data.length);
  const x = (i: number) => pad.left + slot * (i + 0.5);
  const y = (value: number) => pad.top + inner.h / 2 - (value / reach) * (inner.h / 2);
  const ticks = [-Math.floor(reach), 0, Math.floor(reach)].filter((tick, i, all) => all.indexOf(tick) === i);
  const every = Math.ceil(data.length / 8);
  return (
    <figure className="rounded-lg border border-stone-200 bg-white p-3 shadow-sm">
      <figcaption className="mb-2 text-sm font-medium text-stone-700">{label}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} className="h-auto w-full" data-testid={testId}>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={pad.left} x2={width - pad.right} y1={y(tick)} y2={y(tick)} className={tick === 0 ? 'stroke-stone-400' : 'stroke-stone-200'} />
            <text x={pad.left - 6} y={y(tick) + 4} textAnchor="end" fontSize={13} className="fill-stone-500">{`${tick > 0 ? '+' : ''}${tick} e`}</text>
          </g>
        ))}
        {data.map((d, i) => (
          <g key={i}>
            <rect x={x(i) - Math.min(8, slot * 0.3)} width={Math.min(16, slot * 0.6)} y={y(d.mpe)} height={y(-d.mpe) - y(d.mpe)} rx={2} className="fill-stone-200" />
            <circle cx={x(i)} cy={y(d.error)} r={Math.max(3, Math.min(6, slot * 0.3))} className={d.passed ? 'fill-emerald-600' : 'fill-red-600'} data-passed={d.passed}>
              <title>{d.title}</title>
            </circle>
            {i % every === 0 && <text x={x(i)} y={height - 6} textAnchor="middle" fontSize={13} className="fill-stone-500">{d.label}</text>}
          </g>
        ))}
      </svg>
    </figure>
  );
}
