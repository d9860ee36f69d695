/** One server-sent event: its name and its data text (JSON on this API). */
export type ServerSentEvent = { event: string; data: string };

function toEvent(block: string): ServerSentEvent | undefined {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice('event:'.length).trim();
    else if (line.startsWith('data:')) data.push(line.slice('data:'.length).trimStart());
  }
  return data.length === 0 ? undefined : { event, data: data.join('\n') };
}

/**
 * Reads a `text/event-stream` body as its events arrive (fetch + a stream reader: EventSource
 * cannot POST a body or send the CSRF header). Events are separated by a blank line.
 */
export async function* readServerSentEvents(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<ServerSentEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffered += done ? decoder.decode() : decoder.decode(value, { stream: true });
      buffered = buffered.replace(/\r\n?/gu, '\n');
      let end = buffered.indexOf('\n\n');
      while (end !== -1) {
        const event = toEvent(buffered.slice(0, end));
        buffered = buffered.slice(end + 2);
        if (event !== undefined) yield event;
        end = buffered.indexOf('\n\n');
      }
      if (done) return;
    }
  } finally {
    reader.releaseLock();
  }
}
