'use client';

export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" onClick={() => window.print()} className="rounded-md bg-sun-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-sun-700" data-testid="print-label">
      {label}
    </button>
  );
}
