import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** Props of {@link WebDistribution}. */
export type WebDistributionProps = {
  /** The API's origin (scheme and host), the one place the SPA may send requests to. */
  apiOrigin: string;
};

/** Where Vite writes content-hashed files (`web/dist/assets/`): a new build never reuses a name. */
export const HASHED_ASSETS_PATH = '/assets/*';

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
 * on the API's answers (HSTS, nosniff, no referrer, frame-ancestors none) on every answer.
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
      },
      additionalBehaviors: {
        [HASHED_ASSETS_PATH]: {
          origin,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: headersPolicy('AssetHeaders', 'public, max-age=31536000, immutable'),
        },
      },
      // Client-side routes (/incidents/…) have no object: the bucket answers 403 (no list
      // permission) or 404, and the SPA's index.html is served instead, uncached.
      errorResponses: [403, 404].map((httpStatus) => ({
        httpStatus,
        responseHttpStatus: 200,
        responsePagePath: '/index.html',
        ttl: Duration.seconds(0),
      })),
    });
  }
}
