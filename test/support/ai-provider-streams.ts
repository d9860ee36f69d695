/**
 * The streaming wire formats of the two provider APIs, as their SDKs read them (event names and
 * shapes taken from the SDKs' own stream accumulators): the OpenAI Responses API's
 * `response.*` events and the Anthropic Messages API's `message_*` / `content_block_*` events.
 * Each function returns the server-sent events to write, in order.
 */

export type SseEvent = { event: string; data: Record<string, unknown> };

/** Where a streamed answer ends: completed, with a provider error part-way, or never. */
export type StreamEnding = 'complete' | 'error' | 'stall';

/** The output text cut into pieces, as a model's tokens arrive. */
export function toChunks(text: string, size: number): string[] {
  const chunks: string[] = [];
  for (let at = 0; at < text.length; at += size) chunks.push(text.slice(at, at + size));
  return chunks;
}

/** How far a failing or stalling stream gets: about half the pieces, at least one. */
function cut(chunks: string[], ending: StreamEnding): string[] {
  return ending === 'complete' ? chunks : chunks.slice(0, Math.max(1, Math.floor(chunks.length / 2)));
}

export function openAiStreamEvents(
  model: string,
  chunks: string[],
  ending: StreamEnding,
  options: { isRefusal?: boolean } = {},
): SseEvent[] {
  let sequence = 0;
  const next = (type: string, fields: Record<string, unknown>): SseEvent => ({
    event: type,
    data: { type, sequence_number: sequence++, ...fields },
  });
  const base = { id: 'resp_test', object: 'response', created_at: Math.floor(Date.now() / 1000), model };
  const item = { id: 'msg_test', type: 'message', role: 'assistant' };
  const where = { item_id: 'msg_test', output_index: 0, content_index: 0 };
  const events: SseEvent[] = [
    next('response.created', { response: { ...base, status: 'in_progress', output: [], usage: null } }),
    next('response.output_item.added', {
      output_index: 0,
      item: { ...item, status: 'in_progress', content: [] },
    }),
  ];
  if (options.isRefusal === true) {
    events.push(next('response.content_part.added', { ...where, part: { type: 'refusal', refusal: '' } }));
    events.push(next('response.refusal.delta', { ...where, delta: 'I cannot help with that.' }));
    return events;
  }
  events.push(
    next('response.content_part.added', {
      ...where,
      part: { type: 'output_text', text: '', annotations: [] },
    }),
  );
  for (const delta of cut(chunks, ending))
    events.push(next('response.output_text.delta', { ...where, delta, logprobs: [] }));
  if (ending === 'error')
    events.push(next('error', { code: 'server_error', message: 'The server had an error.', param: null }));
  if (ending !== 'complete') return events;
  const text = chunks.join('');
  const part = { type: 'output_text', text, annotations: [] };
  const done = { ...item, status: 'completed', content: [part] };
  events.push(
    next('response.output_text.done', { ...where, text, logprobs: [] }),
    next('response.content_part.done', { ...where, part }),
    next('response.output_item.done', { output_index: 0, item: done }),
    next('response.completed', {
      response: {
        ...base,
        status: 'completed',
        output: [done],
        usage: { input_tokens: 10, output_tokens: 10, total_tokens: 20 },
      },
    }),
  );
  return events;
}

export function anthropicStreamEvents(
  model: string,
  chunks: string[],
  ending: StreamEnding,
  options: { isRefusal?: boolean } = {},
): SseEvent[] {
  const events: SseEvent[] = [
    {
      event: 'message_start',
      data: {
        type: 'message_start',
        message: {
          id: 'msg_test',
          type: 'message',
          role: 'assistant',
          model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 10, output_tokens: 1 },
        },
      },
    },
    {
      event: 'content_block_start',
      data: { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    },
    { event: 'ping', data: { type: 'ping' } },
  ];
  for (const text of options.isRefusal === true ? [] : cut(chunks, ending))
    events.push({
      event: 'content_block_delta',
      data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } },
    });
  if (ending === 'error')
    events.push({
      event: 'error',
      data: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
    });
  if (ending !== 'complete') return events;
  events.push(
    { event: 'content_block_stop', data: { type: 'content_block_stop', index: 0 } },
    {
      event: 'message_delta',
      data: {
        type: 'message_delta',
        delta: { stop_reason: options.isRefusal === true ? 'refusal' : 'end_turn', stop_sequence: null },
        usage: { output_tokens: 10 },
      },
    },
    { event: 'message_stop', data: { type: 'message_stop' } },
  );
  return events;
}
