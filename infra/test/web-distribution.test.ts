import { runInNewContext } from 'node:vm';
import { describe, expect, it } from '@jest/globals';
import { Match } from 'aws-cdk-lib/assertions';
import {
  API_PATHS,
  buildSpaContentSecurityPolicy,
  SPA_ROUTES_FUNCTION_CODE,
} from '../src/constructs/web-distribution.js';
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
        // Not by error responses: those would also rewrite the API's 403 and 404 answers.
        CustomErrorResponses: Match.absent(),
        DefaultCacheBehavior: Match.objectLike({
          FunctionAssociations: [{ EventType: 'viewer-request', FunctionARN: Match.anyValue() }],
        }),
      }),
    });
    template.hasResourceProperties('AWS::CloudFront::Function', {
      FunctionCode: SPA_ROUTES_FUNCTION_CODE,
      FunctionConfig: Match.objectLike({ Runtime: 'cloudfront-js-2.0' }),
    });
    // The function itself: extension-less paths are the SPA's routes, files are left alone.
    const route = (uri: string): string => {
      const handler = runInNewContext(`${SPA_ROUTES_FUNCTION_CODE}; handler`) as (event: {
        request: { uri: string };
      }) => { uri: string };
      return handler({ request: { uri } }).uri;
    };
    expect(route('/')).toBe('/index.html');
    expect(route('/incidents/01J0ABC')).toBe('/index.html');
    expect(route('/assets/index-3f2a.js')).toBe('/assets/index-3f2a.js');
    expect(route('/favicon.svg')).toBe('/favicon.svg');
  });

  it('serves the API on the SPA’s origin: its paths to the API, never cached, everything forwarded', () => {
    const behaviors = (
      config as { Properties: { DistributionConfig: { CacheBehaviors: Record<string, unknown>[] } } }
    ).Properties.DistributionConfig.CacheBehaviors;
    for (const path of API_PATHS) {
      const behavior = behaviors.find((candidate) => candidate['PathPattern'] === path);
      expect(behavior).toMatchObject({
        // AWS's managed CachingDisabled and AllViewerExceptHostHeader (API Gateway checks Host).
        CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
        OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
        AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
        ViewerProtocolPolicy: 'https-only',
        Compress: false,
      });
      expect(behavior?.['ResponseHeadersPolicyId']).toBeUndefined();
      expect(behavior?.['FunctionAssociations']).toBeUndefined();
    }
    expect(API_PATHS).toEqual(expect.arrayContaining(['/v1/*', '/openapi.json', '/docs*', '/health']));
    // The API's origin is its public host over HTTPS only.
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Origins: Match.arrayWith([
          Match.objectLike({
            DomainName: new URL(TEST_API_PUBLIC_URL).host,
            CustomOriginConfig: Match.objectLike({
              OriginProtocolPolicy: 'https-only',
              OriginReadTimeout: 60,
            }),
          }),
        ]),
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
        CacheBehaviors: Match.arrayWith([
          Match.objectLike({
            PathPattern: '/assets/*',
            CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
          }),
        ]),
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
