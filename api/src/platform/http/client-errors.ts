import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { ERROR_CODES, type ErrorCode } from '../errors.js';

/** The problem code for an error Node's HTTP parser raised before the request reached Fastify. */
function codeOf(error: { code?: string }): ErrorCode {
  if (error.code === 'HPE_HEADER_OVERFLOW') return 'headers_too_large';
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 'request_timeout';
  return 'malformed_request';
}

/**
 * Answers a request Node's HTTP server could not parse (headers over `maxHeaderSize`, broken
 * request lines, timeouts) in the same problem format as every other error. The request never
 * became a request object, so the answer carries no instance or request id, and nothing of what
 * was sent is echoed.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  // A reset connection has no one left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const code = codeOf(error);
  const { status, title } = ERROR_CODES[code];
  const body = JSON.stringify({
    type: `https://holdfast.app/problems/${code.replace(/_/g, '-')}`,
    title,
    status,
    code,
  });
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? title}\r\n` +
        `Content-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Cache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy(error);
}
