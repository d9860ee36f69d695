import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  Function as EdgeFunction,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** Props of {@link WebDistribution}. */
export type WebDistributionProps = {
  /**
   * The API's origin (scheme and host): CloudFront forwards the API's paths to it, and the SPA may
   * also call it directly. A plain URL from context (never a reference to the HTTP API), so the
   * API's environment can name this distribution without a dependency cycle.
   */
  apiOrigin: string;
};

/** Where Vite writes content-hashed files (`web/dist/assets/`): a new build never reuses a name. */
export const HASHED_ASSETS_PATH = '/assets/*';

/**
 * The API's paths, served on the SPA's own origin so the SPA needs no CORS in production: the
 * versioned API, its document and docs, the health check, webhooks and the export key.
 */
export const API_PATHS = [
  '/v1/*',
  '/openapi.json',
  '/docs*',
  '/health',
  '/webhooks/*',
  '/.well-known/*',
] as const;

/**
 * Client-side routes (`/incidents/…`) have no object: a viewer-request function sends every path
 * whose last segment has no file extension to `index.html`. Custom error responses cannot do it
 * here: they apply to the whole distribution, and would turn the API's 403 and 404 answers into
 * the SPA's page.
 */
export const SPA_ROUTES_FUNCTION_CODE = `function handler(event) {
  var request = event.request;
  var last = request.uri.split('/').pop();
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

/**
 * The SPA's Content-Security-Policy: its own scripts and styles only, requests to itself and the
 * API, never framed. The API's helmet policy is stricter (`default-src 'none'`) because it serves
 * no page; both share `frame-ancestors 'none'`.
 */
export function buildSpaContentSecurityPolicy(apiOrigin: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${apiOrigin}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    'upgrade-insecure-requests',
  ].join('; ');
}

/** The permissions no page of the SPA uses, refused to it and anything it embeds. */
export const SPA_PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=()';

/**
 * The SPA: a private bucket read only by CloudFront through origin access control, every path
 * without a file answered with `index.html` (client-side routes), hashed assets cached for a year,
 * `index.html` never cached (so a deploy is seen at once), and the security headers helmet sets
 * on the API's answers (HSTS, nosniff, no referrer, frame-ancestors none) on every answer. The
 * API's paths go to the API unchanged: never cached, every header (but Host, which API Gateway
 * checks against its own domain), cookie and query string forwarded, every method allowed; the
 * API sets its own security and cache headers.
 */
export class WebDistribution extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: WebDistributionProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // A rebuilt SPA is uploaded again; nothing here is a record.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });
    const headersPolicy = (policyId: string, cacheControl: string) =>
      new ResponseHeadersPolicy(this, policyId, {
        comment: `Holdfast SPA: security headers, Cache-Control ${cacheControl}`,
        securityHeadersBehavior: {
          contentSecurityPolicy: {
            contentSecurityPolicy: buildSpaContentSecurityPolicy(props.apiOrigin),
            override: true,
          },
          // helmet's default: one year, subdomains included.
          strictTransportSecurity: {
            accessControlMaxAge: Duration.days(365),
            includeSubdomains: true,
            override: true,
          },
          contentTypeOptions: { override: true },
          frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
          referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        },
        customHeadersBehavior: {
          customHeaders: [
            { header: 'Permissions-Policy', value: SPA_PERMISSIONS_POLICY, override: true },
            { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
            { header: 'Cache-Control', value: cacheControl, override: true },
          ],
        },
      });
    const origin = S3BucketOrigin.withOriginAccessControl(this.bucket);
    const spaRoutes = new EdgeFunction(this, 'SpaRoutes', {
      comment: 'Holdfast SPA: client-side routes answered with index.html',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(SPA_ROUTES_FUNCTION_CODE),
    });
    const apiOrigin = new HttpOrigin(new URL(props.apiOrigin).host, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      // An export or a court report can take a while to start streaming.
      readTimeout: Duration.seconds(60),
    });
    const apiBehavior = {
      origin: apiOrigin,
      // A redirected POST would lose its body: plain HTTP is refused rather than redirected.
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      // The API compresses (and streams) its own answers.
      compress: false,
    };
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Holdfast SPA',
      defaultRootObject: 'index.html',
      priceClass: PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        responseHeadersPolicy: headersPolicy('PageHeaders', 'no-cache'),
        functionAssociations: [{ eventType: FunctionEventType.VIEWER_REQUEST, function: spaRoutes }],
      },
      additionalBehaviors: {
        [HASHED_ASSETS_PATH]: {
          origin,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: headersPolicy('AssetHeaders', 'public, max-age=31536000, immutable'),
        },
        ...Object.fromEntries(API_PATHS.map((path) => [path, apiBehavior])),
      },
    });
  }
}
