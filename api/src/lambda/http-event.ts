/**
 * The parts of an API Gateway HTTP API (payload format 2.0) event and answer the API reads and
 * writes, typed here rather than through `@types/aws-lambda` so the bundle and the tests share one
 * small definition of exactly what is relied on.
 */
export type HttpApiEvent = {
  version: '2.0';
  routeKey: string;
  rawPath: string;
  rawQueryString: string;
  cookies?: string[];
  headers: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  requestContext: {
    accountId: string;
    apiId: string;
    domainName: string;
    domainPrefix: string;
    http: { method: string; path: string; protocol: string; sourceIp: string; userAgent: string };
    requestId: string;
    routeKey: string;
    stage: string;
    time: string;
    timeEpoch: number;
  };
  body?: string;
  isBase64Encoded: boolean;
};

/** What the function answers API Gateway with (payload format 2.0). */
export type HttpApiResult = {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded?: boolean;
  cookies?: string[];
};

/** The invocation context fields the handler touches. */
export type LambdaContext = { callbackWaitsForEmptyEventLoop: boolean; awsRequestId: string };
