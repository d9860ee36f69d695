import { PassThrough } from 'node:stream';

/** The media type of a server-sent event stream, as answered and as documented. */
export const EVENT_STREAM_MEDIA_TYPE = 'text/event-stream';

/**
 * A server-sent event stream to answer with (`reply.send(stream.body)`), so the app's hooks and
 * headers apply as to any answer. Each event is one `event:` line and one `data:` line of JSON
 * (JSON text never holds a raw line break). Writes after the client went away are dropped.
 */
export type EventStream = {
  readonly body: PassThrough;
  send(event: string, data: unknown): void;
  end(): void;
};

export function createEventStream(): EventStream {
  const body = new PassThrough();
  const isOpen = () => !body.destroyed && !body.writableEnded;
  return {
    body,
    send(event, data) {
      if (isOpen()) body.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    end() {
      if (isOpen()) body.end();
    },
  };
}
