/** One message as read from an exported thread, before it is matched to the person importing it. */
export type ParsedMessage = {
  /** The date as the export printed it. */
  sentAt: string;
  from: string;
  to: string;
  subject: string;
  /** The message's words as exported: only surrounding blank lines and line-ending style are dropped. */
  body: string;
  /** The message's own text in the export (headers and body), which its fingerprint is taken of. */
  original: string;
  /** 1-based line of the export where the message starts, to point at it in problems. */
  line: number;
};

/** Something in the export that stops a message from being read; named by line, never quoted. */
export type ParseProblem = { line: number; message: string };

export type ParsedThread = { messages: ParsedMessage[]; problems: ParseProblem[] };
