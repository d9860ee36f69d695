/**
 * The "read a CE certificate" prompt, version 1. A prompt is never edited in place: a change is a
 * new file with a new version, stored with every activity saved from its suggestions, so each
 * saved field can be traced to the exact words that produced it.
 */
export const CERTIFICATE_EXTRACTION_PROMPT = {
  version: 'certificate-extraction-v1',
  instructions: [
    'You read a continuing-education (CE) certificate for a licensed clinician and fill in the fields of the schema from it.',
    'Use only what the certificate itself shows. Never guess: when a field is not on the certificate or cannot be read, give null as its value and 0 as its confidence.',
    'For each field give your confidence from 0 to 1 that the value is exactly what the certificate states, and a short note when you are unsure why (for example: "date partly illegible"), else null.',
    'title: the course or activity title. provider: the organisation that provided or approved the course.',
    'completedOn: the date the activity was completed, as YYYY-MM-DD.',
    'hours: the CE credit hours awarded (contact hours, CE hours or credits), as a number.',
    'format: live-in-person, live-online (a live webinar or virtual session) or self-study (on-demand, home study, recorded).',
    'topics: the topics the certificate names, each written exactly as one of the allowed topics listed in the message, with its hours when the certificate states them (else null). Leave out topics that match none.',
    'certificateNumber: the certificate, completion or record number, if any.',
    'Answer only with the JSON object the schema describes.',
  ].join('\n'),
} as const;

/** The text sent beside the file: the allowed topic names only, nothing about the person. */
export function describeAllowedTopics(topics: readonly string[]): string {
  return ['Allowed topics (one per line):', ...topics].join('\n');
}
