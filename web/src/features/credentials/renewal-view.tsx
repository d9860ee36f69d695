import type { EffectiveNumber, Renewal } from './license-hooks';

/** A number in force with where it came from: the catalogue, your own, or unknown (never guessed). */
export function NumberWithSource({ number, unit }: { number: EffectiveNumber; unit: string }) {
  if (number.value === null) return <span data-testid="number-unknown">Unknown (no source stated it)</span>;
  if (number.source === 'override')
    return (
      <span>
        <span className="override-mark">
          {number.value} {unit} (your number)
        </span>
        {' · '}catalogue: {number.catalogueValue === null ? 'unknown' : `${number.catalogueValue} ${unit}`}
      </span>
    );
  return (
    <span>
      {number.value} {unit}
    </span>
  );
}

const FREQUENCY: Record<string, string> = {
  'every-cycle': 'every cycle',
  once: 'once',
  'first-renewal': 'first renewal only',
  own: 'your own requirement',
};

/** The rule a license is matched to: numbers in force, topics, limits, cycles, sources and confidence. */
export function RenewalView({ renewal }: { renewal: Renewal }) {
  const { rule, requirements, cycles } = renewal;
  return (
    <>
      <p className="notice notice-warning" data-testid="board-notice">
        {renewal.boardNotice}
      </p>
      <section className="section" aria-labelledby="cycle-heading">
        <h2 id="cycle-heading">Renewal cycle</h2>
        {cycles.isKnown ? (
          <dl className="meta-list">
            <dt>Current cycle</dt>
            <dd data-testid="current-cycle">
              {cycles.current.startsOn} to {cycles.current.endsOn} ({cycles.current.days} days)
              {cycles.current.isShortened && ' — a shorter first cycle from the issue date'}
            </dd>
            <dt>Next cycle</dt>
            <dd>
              {cycles.next.startsOn} to {cycles.next.endsOn}
            </dd>
            {cycles.previous.length > 0 && (
              <>
                <dt>Earlier cycles</dt>
                <dd>{cycles.previous.map((c) => `${c.startsOn} to ${c.endsOn}`).join('; ')}</dd>
              </>
            )}
          </dl>
        ) : (
          <p data-testid="cycle-unknown">{cycles.reason}</p>
        )}
      </section>
      <section className="section" aria-labelledby="requirements-heading">
        <h2 id="requirements-heading">Requirements</h2>
        <dl className="meta-list">
          <dt>Cycle length</dt>
          <dd>
            <NumberWithSource number={requirements.cycleMonths} unit="months" />
          </dd>
          <dt>Total hours</dt>
          <dd data-testid="total-hours">
            <NumberWithSource number={requirements.totalHours} unit="h" />
          </dd>
        </dl>
        {requirements.topics.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <caption>Topic requirements</caption>
              <thead>
                <tr>
                  <th scope="col">Topic</th>
                  <th scope="col">Hours</th>
                  <th scope="col">How often</th>
                  <th scope="col">Notes</th>
                </tr>
              </thead>
              <tbody>
                {requirements.topics.map((topic) => (
                  <tr key={topic.topic}>
                    <th scope="row">{topic.topic}</th>
                    <td>
                      <NumberWithSource number={topic.hours} unit="h" />
                    </td>
                    <td>
                      {FREQUENCY[topic.frequency] ?? topic.frequency}
                      {topic.everyNCycles !== null && `, every ${topic.everyNCycles} cycles`}
                      {topic.intervalYears !== null && `, every ${topic.intervalYears} years`}
                    </td>
                    <td>{topic.notes ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {requirements.limits.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <caption>Limits</caption>
              <thead>
                <tr>
                  <th scope="col">Limit</th>
                  <th scope="col">Hours</th>
                  <th scope="col">Notes</th>
                </tr>
              </thead>
              <tbody>
                {requirements.limits.map((limit, index) => (
                  <tr key={`${limit.kind}-${index}`}>
                    <th scope="row">{limit.kind}</th>
                    <td>
                      <NumberWithSource number={limit.hours} unit="h" />
                    </td>
                    <td>{limit.notes ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="section" aria-labelledby="sources-heading">
        <h2 id="sources-heading">Where the rule comes from</h2>
        {rule === null ? (
          <p data-testid="no-rule">
            The catalogue has no rule for this license. Set your own numbers below from your board’s rule.
          </p>
        ) : (
          <>
            <p>
              {rule.jurisdiction} {rule.license} · catalogue {rule.catalogueVersion} · confidence:{' '}
              <strong data-testid="rule-confidence">{rule.confidence}</strong>
            </p>
            {rule.cycleAnchor !== null && <p>Cycle: {rule.cycleAnchor}</p>}
            {rule.exemptions !== null && <p>Exemptions: {rule.exemptions}</p>}
            <ul className="rule-sources" data-testid="rule-sources">
              {rule.sources.map((source) => {
                const dated = rule.sourceDates.find((d) => d.source === source);
                return (
                  <li key={source}>
                    <a href={source} rel="noreferrer noopener" target="_blank">
                      {source}
                    </a>
                    {dated !== undefined && ` — ${dated.date}`}
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </section>
    </>
  );
}
