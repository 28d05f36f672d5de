// A small dependency-free SVG bar chart: enough for a daily series on a dashboard, readable
// without JavaScript, and accessible (each bar has a title; the figure has a label).
export interface BarDatum {
  label: string;
  value: number;
  /** text shown on hover, e.g. "2026-11-20: 1 234" */
  title: string;
}

export function BarChart({ data, label, height = 220, testId }: { data: BarDatum[]; label: string; height?: number; testId?: string }) {
  // Wide viewBox: the SVG scales with its container, so a narrow one would blow the labels up.
  const width = 1000;
  const pad = { top: 8, right: 8, bottom: 22, left: 8 };
  const max = Math.max(1, ...data.map((d) => d.value));
  const slot = (width - pad.left - pad.right) / Math.max(1, data.length);
  const inner = height - pad.top - pad.bottom;
  const every = Math.ceil(data.length / 8);
  return (
    <figure className="rounded-lg border border-stone-200 bg-white p-3 shadow-sm">
      <figcaption className="mb-2 text-sm font-medium text-stone-700">{label}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} className="h-auto w-full" data-testid={testId}>
        {data.map((d, i) => {
          const h = Math.round((d.value / max) * inner);
          const x = pad.left + i * slot;
          return (
            <g key={`${i}-${d.label}`}>
              <rect x={x + slot * 0.15} y={pad.top + inner - h} width={slot * 0.7} height={h} rx={2} className="fill-sun-500">
                <title>{d.title}</title>
              </rect>
              {i % every === 0 && (
                <text x={x + slot / 2} y={height - 6} textAnchor="middle" fontSize={13} className="fill-stone-500">
                  {d.label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
