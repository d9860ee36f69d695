import { useId, useState, type ReactNode } from 'react';

/** A toggle that shows the same data as a table, for screen readers and for reading exact values. */
export function TableToggle({
  label,
  testId,
  children,
}: {
  label: string;
  testId: string;
  children: ReactNode;
}) {
  const [isShown, setShown] = useState(false);
  const id = useId();
  return (
    <div className="chart-table">
      <button
        type="button"
        className="button button-quiet"
        aria-expanded={isShown}
        aria-controls={id}
        onClick={() => setShown((v) => !v)}
        data-testid={`${testId}-toggle`}
      >
        {isShown ? `Hide the ${label} table` : `Show the ${label} as a table`}
      </button>
      <div id={id} hidden={!isShown}>
        {children}
      </div>
    </div>
  );
}
