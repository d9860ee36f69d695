import { useId, useState, type ReactNode } from 'react';
import { FieldErrorText } from '../../lib/ui/field';

/** The API's bound on each kind of requirement in one request (a credentialing packet, not a catalogue). */
export const MAX_REQUIREMENTS = 10;

type Props = {
  legend: string;
  hint: ReactNode;
  /** What one row is ("license"): the add and remove buttons say it. */
  noun: string;
  error: string | undefined;
  /** The inputs of row `index` (numbered from 0), labelled with its number. */
  renderRow: (index: number) => ReactNode;
};

/**
 * A repeatable group of requirement rows: a row can be added (up to the bound) and removed, each
 * row keyed by itself so removing one keeps what was typed in the others. Remount it (a new key)
 * to start again from one empty row.
 */
export function RequirementRows({ legend, hint, noun, error, renderRow }: Props) {
  const errorId = useId();
  const [rows, setRows] = useState([0]);
  const [next, setNext] = useState(1);
  return (
    <fieldset className="field" aria-describedby={error === undefined ? undefined : `${errorId}-error`}>
      <legend>{legend}</legend>
      <p className="field-hint">{hint}</p>
      {rows.map((row, index) => (
        <div className="requirement-row" key={row}>
          {renderRow(index)}
          <button
            type="button"
            className="button"
            onClick={() => setRows((current) => current.filter((key) => key !== row))}
          >
            Remove {noun} {index + 1}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button"
        onClick={() => {
          setRows((current) => [...current, next]);
          setNext((value) => value + 1);
        }}
        disabled={rows.length >= MAX_REQUIREMENTS}
      >
        Add a {noun}
      </button>
      <FieldErrorText id={errorId} error={error} />
    </fieldset>
  );
}
