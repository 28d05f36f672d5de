import Link from 'next/link';

export function StatCard({ label, value, hint, href, tone = 'default', testId }: {
  label: string;
  value: string;
  hint?: string;
  href?: string;
  tone?: 'default' | 'good' | 'warn' | 'bad';
  testId?: string;
}) {
  const tones = { default: 'text-stone-900', good: 'text-emerald-700', warn: 'text-amber-600', bad: 'text-red-600' };
  const body = (
    <>
      <p className="text-sm text-stone-500">{label}</p>
      <p className={`mt-1 text-2xl font-semibold tabular-nums ${tones[tone]}`} data-testid={testId}>{value}</p>
      {hint && <p className="mt-1 text-xs text-stone-500">{hint}</p>}
    </>
  );
  const frame = 'block rounded-lg border border-stone-200 bg-white p-4 shadow-sm';
  return href ? <Link href={href} className={`${frame} hover:border-sun-400`}>{body}</Link> : <div className={frame}>{body}</div>;
}
