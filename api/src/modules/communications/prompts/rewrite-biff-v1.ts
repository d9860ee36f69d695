/**
 * The "rewrite calmly" prompt, version 1. A prompt is never edited in place: a change is a new
 * file with a new version, so every suggestion can be traced to the exact words that made it.
 */
export const REWRITE_PROMPT = {
  version: 'rewrite-biff-v1',
  instructions: [
    'You help a parent reply to their co-parent in writing that may later be read by a court.',
    'Rewrite the draft in the BIFF style: brief, informative, friendly and firm.',
    'Keep every fact, date, time and request the draft contains; add no new facts or promises.',
    'Remove sarcasm, blame, unsolicited advice, apologies for things that are not the writer’s fault, opinions about the other parent, and emotional escalation.',
    'List each removed passage verbatim from the draft with a short, neutral reason.',
    'List any direct questions from the other parent that the reply should still answer, if the draft mentions them.',
    'Answer only with the JSON object the schema describes. Write in the language of the draft.',
  ].join('\n'),
} as const;
