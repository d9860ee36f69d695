import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { currentCredentialChoice } from '@holdfast/api/platform/db/credential-scope';

/** One DynamoDB call the app sent: its command, its input, the credentials chosen and the key that signed it. */
export type SentCall = {
  commandName: string;
  input: unknown;
  choice: ReturnType<typeof currentCredentialChoice>;
  accessKeyId?: string;
};

type SignedRequest = { headers?: Record<string, string> };
type HttpHandler = { handle: (request: SignedRequest, ...rest: unknown[]) => Promise<unknown> };

/**
 * Records every call `doc` sends into the list `calls()` returns at that moment (a test empties it
 * by handing a new one), with the credential choice made for it and the access key id it was
 * signed with, read from the Authorization header of what reaches the HTTP handler: reads sent
 * directly (platform/db/direct-reads.ts) and the SDK's own calls both go out through it.
 */
export function recordSentCalls(doc: DynamoDBDocumentClient, calls: () => SentCall[]): void {
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      calls().push({
        commandName: context.commandName ?? '',
        input: args.input,
        choice: currentCredentialChoice(),
      });
      return next(args);
    },
    { step: 'initialize', name: 'recordCall' },
  );
  const handler = doc.config.requestHandler as HttpHandler;
  const handle = handler.handle.bind(handler);
  handler.handle = async (request, ...rest) => {
    const signed = /Credential=([^/]+)\//u.exec(request.headers?.authorization ?? '');
    const last = calls().at(-1);
    if (last !== undefined && signed?.[1] !== undefined) last.accessKeyId = signed[1];
    return handle(request, ...rest);
  };
}
