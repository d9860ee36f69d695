import { describe, expect, it } from '@jest/globals';
import { Match } from 'aws-cdk-lib/assertions';
import { buildSpaContentSecurityPolicy } from '../src/constructs/web-distribution.js';
import { isRecord, synthHoldfast, TEST_API_PUBLIC_URL } from './support/synth-holdfast.js';

describe.each(['dev', 'prod'] as const)('the SPA on S3 and CloudFront (%s)', (env) => {
  const { template } = synthHoldfast(env);
  const distribution = template.findResources('AWS::CloudFront::Distribution');
  const config: unknown = Object.values(distribution)[0];

  it('keeps the bucket private, read by CloudFront only through origin access control', () => {
    expect(Object.keys(distribution)).toHaveLength(1);
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always' },
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      WebsiteConfiguration: Match.absent(),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 's3:GetObject',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  it('answers client-side routes with index.html', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        CustomErrorResponses: [
          { ErrorCode: 403, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 0 },
          { ErrorCode: 404, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 0 },
        ],
      }),
    });
  });

  it('caches hashed assets for a year and never index.html', () => {
    const text = JSON.stringify(config);
    // CachingDisabled and CachingOptimized, AWS's managed cache policies.
    expect(text).toContain('4135ea2d-6df8-44a3-9df3-4b5a84be39ad');
    expect(text).toContain('658327ea-f89d-4fab-a63d-7e88639e58f6');
    expect(isRecord(config)).toBe(true);
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({
          CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
          ViewerProtocolPolicy: 'redirect-to-https',
        }),
        CacheBehaviors: [
          Match.objectLike({
            PathPattern: '/assets/*',
            CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
          }),
        ],
      }),
    });
    for (const cacheControl of ['no-cache', 'public, max-age=31536000, immutable']) {
      template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
        ResponseHeadersPolicyConfig: Match.objectLike({
          CustomHeadersConfig: {
            Items: Match.arrayWith([{ Header: 'Cache-Control', Value: cacheControl, Override: true }]),
          },
        }),
      });
    }
  });

  it('sends the security headers the API’s helmet sends: CSP with frame-ancestors none, HSTS, nosniff, no referrer, permissions policy', () => {
    const policies = template.findResources('AWS::CloudFront::ResponseHeadersPolicy');
    expect(Object.keys(policies)).toHaveLength(2);
    for (const policy of Object.values(policies)) {
      expect(policy).toMatchObject({
        Properties: {
          ResponseHeadersPolicyConfig: {
            SecurityHeadersConfig: {
              ContentSecurityPolicy: {
                ContentSecurityPolicy: buildSpaContentSecurityPolicy(new URL(TEST_API_PUBLIC_URL).origin),
                Override: true,
              },
              StrictTransportSecurity: { AccessControlMaxAgeSec: 31_536_000, IncludeSubdomains: true },
              ContentTypeOptions: { Override: true },
              FrameOptions: { FrameOption: 'DENY' },
              ReferrerPolicy: { ReferrerPolicy: 'no-referrer' },
            },
          },
        },
      });
      expect(JSON.stringify(policy)).toContain('Permissions-Policy');
    }
    const csp = buildSpaContentSecurityPolicy('https://api.holdfast.test');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self' https://api.holdfast.test");
    expect(csp).not.toContain('unsafe-inline');
  });
});
