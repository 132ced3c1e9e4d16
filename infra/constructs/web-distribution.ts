import { existsSync } from 'node:fs';
import { Duration, Fn, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';

export interface WebDistributionProps {
  /** The HTTP API's endpoint (`https://{id}.execute-api.{region}.amazonaws.com`), served at `/api/*`. */
  apiEndpoint: string;
  /** Where CloudFront writes its standard access logs. */
  logBucket: s3.IBucket;
  /** The SvelteKit static build; deployed only when the folder exists at synth time. */
  webBuildDir: string;
}

/**
 * SPA rewrite for the web bucket only. CloudFront's custom error responses would also turn the API's
 * 403/404 JSON errors into the SPA page with status 200, so the fallback is done by path instead:
 * a path whose last segment has no extension is a client-side route and gets `/200.html`
 * (adapter-static's fallback page); files keep their path and a missing one stays a 403/404.
 */
const SPA_REWRITE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '/') return request;
  var last = uri.substring(uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) request.uri = '/200.html';
  return request;
}`;

/** The web app's private bucket behind CloudFront (OAC), with `/api/*` routed to the HTTP API. */
export class WebDistribution extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  /** `https://dxxxx.cloudfront.net`: the site's origin (CORS, Cognito callback). */
  readonly url: string;
  private readonly webBuildDir: string;

  constructor(scope: Construct, id: string, props: WebDistributionProps) {
    super(scope, id);
    this.webBuildDir = props.webBuildDir;
    // Everything in it is rebuilt by each deploy, so it need not outlive the stack; RETAIN anyway
    // because autoDeleteObjects would add a custom-resource Lambda just for tidying up.
    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: false,
      removalPolicy: RemovalPolicy.RETAIN,
      serverAccessLogsBucket: props.logBucket,
      serverAccessLogsPrefix: 's3/web/',
    });

    const securityHeaders = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        // SvelteKit hydrates with an inline script, so no script-src here; these parts break nothing.
        contentSecurityPolicy: {
          contentSecurityPolicy: "frame-ancestors 'none'; object-src 'none'; base-uri 'self'",
          override: true,
        },
      },
    });

    const apiDomain = Fn.select(2, Fn.split('/', props.apiEndpoint));
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'CCHC Index web app and /api',
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_200, // includes Asia (Vietnam's edge locations)
      enableLogging: true,
      logBucket: props.logBucket,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        functionAssociations: [
          {
            eventType: cloudfront.FunctionEventType.VIEWER_REQUEST,
            function: new cloudfront.Function(this, 'SpaRewrite', {
              code: cloudfront.FunctionCode.fromInline(SPA_REWRITE),
              runtime: cloudfront.FunctionRuntime.JS_2_0,
            }),
          },
        ],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new origins.HttpOrigin(apiDomain, { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY }),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          // Host must be the API's own, or API Gateway answers 403; Authorization etc. pass through.
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: securityHeaders,
        },
      },
    });
    this.url = `https://${this.distribution.distributionDomainName}`;

    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'No geo restriction: officials and the public results page must be reachable from wherever they are; the API is behind Cognito sign-in.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'No WAF web ACL: it costs a fixed monthly fee per province for a few hundred known users; the API requires a Cognito JWT and the HTTP API stage is throttled.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The site uses the default *.cloudfront.net certificate, for which CloudFront fixes the security policy (TLSv1); a province that adds its own domain and ACM certificate sets TLS_V1_2_2021 with it.',
      },
    );
  }

  /** Uploads the web build (when it exists) and the sign-in config the web app reads at `/config.json`. */
  deploy(config: Record<string, string>): s3deploy.BucketDeployment {
    const sources = [s3deploy.Source.jsonData('config.json', config)];
    if (existsSync(this.webBuildDir)) sources.unshift(s3deploy.Source.asset(this.webBuildDir));
    return new s3deploy.BucketDeployment(this, 'Deploy', {
      destinationBucket: this.bucket,
      sources,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
    });
  }
}
