import { useState, type FormEvent } from 'react';
import { CheckboxField, SelectField, TextField } from '../../lib/ui/field';
import { CATEGORIES, CATEGORY_LABELS } from './categories';
import {
  checkDateRange,
  countActiveFilters,
  EMPTY_FILTERS,
  type IncidentFilters as Filters,
} from './filters';

type IncidentFiltersProps = {
  filters: Filters;
  onApply: (filters: Filters) => void;
  timeZone: string;
};

/** The filter panel of the incident list; changes apply when the person presses "Apply filters". */
export function IncidentFilters({ filters, onApply, timeZone }: IncidentFiltersProps) {
  const [draft, setDraft] = useState(filters);
  const [dateError, setDateError] = useState<string | undefined>();
  const activeCount = countActiveFilters(filters);

  const set = <K extends keyof Filters>(key: K, value: Filters[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const error = checkDateRange(draft.from, draft.to);
    setDateError(error);
    if (error === undefined) onApply(draft);
  };

  const onClear = () => {
    setDraft(EMPTY_FILTERS);
    setDateError(undefined);
    onApply(EMPTY_FILTERS);
  };

  return (
    <details className="filters card" open={activeCount > 0 ? true : undefined}>
      <summary data-testid="filters-toggle">
        Filters{activeCount > 0 ? ` (${activeCount} active)` : ''}
      </summary>
      <form
        className="form filters-form"
        onSubmit={onSubmit}
        noValidate
        role="search"
        aria-label="Filter incidents"
      >
        <div className="filters-grid">
          <TextField
            label="From"
            type="date"
            value={draft.from}
            onChange={(event) => set('from', event.target.value)}
            error={dateError}
            data-testid="filter-from"
          />
          <TextField
            label="To"
            type="date"
            value={draft.to}
            min={draft.from === '' ? undefined : draft.from}
            onChange={(event) => set('to', event.target.value)}
            data-testid="filter-to"
          />
          <SelectField
            label="Category"
            value={draft.category}
            onChange={(event) => set('category', event.target.value as Filters['category'])}
            data-testid="filter-category"
          >
            <option value="">All categories</option>
            {CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {CATEGORY_LABELS[category]}
              </option>
            ))}
          </SelectField>
          <TextField
            label="Child"
            hint="The name exactly as recorded."
            value={draft.child}
            maxLength={120}
            onChange={(event) => set('child', event.target.value)}
            data-testid="filter-child"
          />
          <TextField
            label="Tag"
            value={draft.tag}
            maxLength={40}
            onChange={(event) => set('tag', event.target.value)}
            data-testid="filter-tag"
          />
          <CheckboxField
            label="Show deleted incidents"
            hint="Lists deleted incidents instead, so you can restore one."
            checked={draft.deleted}
            onChange={(event) => set('deleted', event.target.checked)}
            data-testid="filter-deleted"
          />
        </div>
        <p className="muted small">Dates are days in your time zone ({timeZone.replace(/_/g, ' ')}).</p>
        <div className="form-actions">
          <button type="submit" className="button button-primary" data-testid="filters-apply">
            Apply filters
          </button>
          <button type="button" className="button button-quiet" onClick={onClear} data-testid="filters-clear">
            Clear filters
          </button>
        </div>
      </form>
    </details>
  );
}
