import { useEffect, useState } from 'react';
import { formatRemaining, shouldAnnounce } from './assessment-model';

/**
 * Time left until the deadline. The visible clock ticks every second; screen readers hear it
 * only at whole minutes and the last seconds (a live region changing every second drowns out
 * the questions).
 */
export function AssessmentTimer({ deadline }: { deadline: string }) {
  const [now, setNow] = useState(() => Date.now());
  const [announced, setAnnounced] = useState('');
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  const seconds = (Date.parse(deadline) - now) / 1000;
  const remaining = formatRemaining(seconds);
  useEffect(() => {
    if (shouldAnnounce(seconds)) setAnnounced(`${remaining} left`);
  }, [remaining, seconds]);
  return (
    <p className="practice-timer" data-testid="assessment-timer">
      <span role="timer" aria-label="Time left">
        {seconds > 0
          ? remaining
          : 'Time is up: you can still submit, but a late result does not count toward mastery.'}
      </span>
      <span className="visually-hidden" aria-live="polite">
        {announced}
      </span>
    </p>
  );
}
