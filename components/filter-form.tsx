// A list's filters as a plain GET form: works without JavaScript, and the URL it makes is the
// link to share (and the CSV export's filter). Changing a filter starts again at page 1.
export interface FilterField {
  name: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
}

export function FilterForm({ fields, submitLabel, testId }: { fields: FilterField[]; submitLabel: string; testId?: string }) {
  return (
    <form method="get" className="flex flex-wrap items-end gap-3 rounded-lg border border-stone-200 bg-white p-3 text-sm shadow-sm" data-testid={testId}>
      {fields.map((field) => (
        <label key={field.name} className="flex flex-col gap-1">
          <span className="text-stone-600">{field.label}</span>
          <select name={field.name} defaultValue={field.value} className="rounded border border-stone-300 bg-white px-2 py-1" data-testid={`filter-${field.name}`}>
            {field.options.map((option) => (
              <option key={option.value} value={option.value}>{option.label}</option>
            ))}
          </select>
        </label>
      ))}
      <button type="submit" className="rounded-md bg-sun-600 px-3 py-1.5 font-medium text-white hover:bg-sun-700" data-testid="filter-apply">
        {submitLabel}
      </button>
    </form>
  );
}
