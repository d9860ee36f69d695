import { describe, expect, it } from 'vitest';
import { readServerSentEvents } from './event-stream-reader';

function streamOf(pieces: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces) controller.enqueue(encoder.encode(piece));
      controller.close();
    },
  });
}

describe('readServerSentEvents', () => {
  it('yields each event once it is complete, across pieces split anywhere', async () => {
    const events = [];
    for await (const event of readServerSentEvents(
      streamOf(['event: start\ndata: {"a"', ':1}\n\nevent: prog', 'ress\ndata: {"b":2}\n', '\n']),
    ))
      events.push(event);
    expect(events).toEqual([
      { event: 'start', data: '{"a":1}' },
      { event: 'progress', data: '{"b":2}' },
    ]);
  });
});
