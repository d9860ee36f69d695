import { diffWords } from './word-diff';

/**
 * The draft against the suggestion, word by word: removed words struck through, added ones
 * underlined, each labelled for screen readers (which do not announce `del`/`ins` by default).
 */
export function RewriteDiff({ original, suggested }: { original: string; suggested: string }) {
  return (
    <p className="rewrite-diff" data-testid="rewrite-diff">
      {diffWords(original, suggested).map((part, index) =>
        part.kind === 'removed' ? (
          <del key={index}>
            <span className="visually-hidden">[removed: </span>
            {part.text}
            <span className="visually-hidden">] </span>
          </del>
        ) : part.kind === 'added' ? (
          <ins key={index}>
            <span className="visually-hidden">[added: </span>
            {part.text}
            <span className="visually-hidden">] </span>
          </ins>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </p>
  );
}
