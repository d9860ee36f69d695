/** The save and cancel buttons under the "Your skills" forms. */
export function OwnFormActions({
  label,
  isSaving,
  testId,
  onCancel,
}: {
  label: string;
  isSaving: boolean;
  testId: string;
  onCancel: (() => void) | undefined;
}) {
  return (
    <div className="form-actions">
      <button type="submit" className="button button-primary" disabled={isSaving} data-testid={testId}>
        {label}
      </button>
      {onCancel !== undefined && (
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}
