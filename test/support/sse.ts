/** One server-sent event as a client reads it: its name and its JSON data. */
export type ReadEvent = { event: string; data: unknown };

/** Reads a whole `text/event-stream` body into its events, in order (blank-line separated). */
export function parseEventStream(body: string): ReadEvent[] {
  return body
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) event = line.slice('event: '.length);
        else if (line.startsWith('data: ')) data.push(line.slice('data: '.length));
      }
      return { event, data: JSON.parse(data.join('\n')) as unknown };
    });
}
