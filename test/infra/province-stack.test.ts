import { beforeAll, describe, expect, it } from 'vitest';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { FUNCTION_ENTRIES, LOCAL_ONLY_ROUTES, ROUTES, type FunctionName } from '../../functions/routes.js';
import { ROLES } from '../../shared/permissions.js';
import { ACCESS, type ProvinceStack } from '../../infra/stacks/province-stack.js';
import { buildApp } from './synth.js';
import { SUMMARY_FIELDS } from '../../functions/lib/store/keys.js';

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string; UpdateReplacePolicy?: string };

let stack: ProvinceStack;
let template: Template;
let resources: Record<string, Resource>;
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const logicalId = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as never);
const groups = [...new Set(ROUTES.map((r) => r.fn))];

beforeAll(() => {
  ({ stack } = buildApp());
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources;
});

describe('data', () => {
  it('one table keyed pk/sk, on demand, point-in-time recovery, retained; one index, of the compact summaries', () => {
    const tables = ofType('AWS::DynamoDB::Table');
    expect(tables).toHaveLength(1);
    const [, table] = tables[0]!;
    expect(table.Properties.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table.Properties.GlobalSecondaryIndexes).toEqual([
      {
        IndexName: 'summaries',
        KeySchema: [
          { AttributeName: 'gpk', KeyType: 'HASH' },
          { AttributeName: 'gsk', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...SUMMARY_FIELDS] },
      },
    ]);
    // The figures only: the version and `pts` (points and head fields in one string), never the rows' texts and evidence.
    const projected = table.Properties.GlobalSecondaryIndexes[0].Projection.NonKeyAttributes as string[];
    expect([...projected].sort()).toEqual(['pts', 'version']);
    for (const heavy of ['rows', 'lastChange', 'priorChange', 'returnReason', 'status']) expect(projected).not.toContain(heavy);
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
  });

  it('every bucket blocks public access, is encrypted, TLS only and retained', () => {
    const buckets = ofType('AWS::S3::Bucket');
    expect(buckets.length).toBeGreaterThanOrEqual(3); // evidence, web, access logs
    const policies = ofType('AWS::S3::BucketPolicy').map(([, p]) => p.Properties);
    for (const [id, b] of buckets) {
      expect(b.Properties.PublicAccessBlockConfiguration, id).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(b.Properties.BucketEncryption, id).toBeDefined();
      expect(b.DeletionPolicy, id).toBe('Retain');
      const policy = policies.find((p) => p.Bucket?.Ref === id);
      const denyInsecure = policy?.PolicyDocument.Statement.find(
        (s: any) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false',
      );
      expect(denyInsecure, `${id} denies non-TLS requests`).toBeDefined();
    }
  });

  it('the evidence bucket is versioned, logs access, and allows browser PUT/GET/HEAD from the site only', () => {
    const evidence = resources[logicalId(stack.evidenceBucket)]!;
    expect(evidence.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(evidence.Properties.LoggingConfiguration?.DestinationBucketName).toBeDefined();
    const [rule] = evidence.Properties.CorsConfiguration.CorsRules;
    expect(rule.AllowedMethods.sort()).toEqual(['GET', 'HEAD', 'PUT']);
    expect(rule.AllowedHeaders).toEqual(['*']);
    const distributionId = ofType('AWS::CloudFront::Distribution')[0]![0];
    expect(rule.AllowedOrigins).toEqual([{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }]] }]);
  });
});

describe('functions', () => {
  const appFunctions = () => ofType('AWS::Lambda::Function').filter(([, f]) => f.Properties.Runtime === 'nodejs24.x');

  it('one Node.js 24 arm64 Lambda per route group and the lifecycle task function, and no other Node.js function', () => {
    expect(appFunctions()).toHaveLength(groups.length + 1);
    expect(resources[logicalId(stack.lifecycle.taskFunction.fn)]?.Properties.Runtime).toBe('nodejs24.x');
    for (const name of groups) expect(stack.functions[name], name).toBeDefined();
    for (const [id, f] of appFunctions()) {
      expect(f.Properties.Architectures, id).toEqual(['arm64']);
      expect(f.Properties.Handler, id).toBe('index.handler');
      expect(f.Properties.MemorySize, id).toBe(512);
      expect(f.Properties.Timeout, id).toBe(10);
      expect(f.Properties.LoggingConfig?.LogGroup, id).toBeDefined();
    }
  });

  it('every API function gets the table, the evidence bucket, the province id and source maps; the lifecycle ones the state machine', () => {
    for (const name of groups) {
      const id = logicalId(stack.functions[name]!.fn);
      expect(resources[id]!.Properties.Environment.Variables, name).toEqual({
        TABLE_NAME: { Ref: logicalId(stack.table) },
        BUCKET_NAME: { Ref: logicalId(stack.evidenceBucket) },
        PROVINCE_ID: 'thai-nguyen',
        NODE_OPTIONS: '--enable-source-maps',
        ...(ACCESS[name].lifecycle ? { STATE_MACHINE_ARN: { Ref: logicalId(stack.lifecycle.stateMachine) } } : {}),
        // Only the function that lists the pool's users knows the pool.
        ...(name === 'appraise-assessment' ? { USER_POOL_ID: { Ref: ofType('AWS::Cognito::UserPool')[0]![0] } } : {}),
      });
    }
    // The task function (test/infra/lifecycle.test.ts checks its STATE_MACHINE_ARN) needs no bucket.
    const task = resources[logicalId(stack.lifecycle.taskFunction.fn)]!.Properties.Environment.Variables;
    expect(Object.keys(task).sort()).toEqual(['NODE_OPTIONS', 'PROVINCE_ID', 'STATE_MACHINE_ARN', 'TABLE_NAME']);
  });

  /** Every action allowed by the inline policies of a function's role (no managed policies allowed). */
  function statementsOf(fn: FunctionName): { Action: string | string[]; Resource: unknown }[] {
    const f = stack.functions[fn]!;
    const roleId = logicalId(f.role);
    expect(resources[roleId]!.Properties.ManagedPolicyArns).toBeUndefined();
    return ofType('AWS::IAM::Policy')
      .filter(([, p]) => p.Properties.Roles.some((r: any) => r.Ref === roleId))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
  }
  const actions = (fn: FunctionName) => statementsOf(fn).flatMap((s) => [s.Action].flat());

  it('least privilege: only the evidence function may touch S3: object Put/Get/Delete under evidence/, and list', () => {
    for (const fn of groups) {
      // Every function reads the table; only those that change something may write it.
      expect(actions(fn), fn).toContain('dynamodb:GetItem');
      if (ACCESS[fn].table === 'readWrite') expect(actions(fn), fn).toContain('dynamodb:PutItem');
      else
        expect(
          actions(fn).filter((a) => /dynamodb:(Put|Update|Delete|BatchWrite)/.test(a)),
          fn,
        ).toEqual([]);
      expect(
        actions(fn).some((a) => a === '*' || a.endsWith(':*')),
        fn,
      ).toBe(false);
      if (fn !== 'manage-evidence')
        expect(
          actions(fn).filter((a) => a.startsWith('s3:')),
          fn,
        ).toEqual([]);
    }
    const s3 = statementsOf('manage-evidence').filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')));
    const bucketArn = { 'Fn::GetAtt': [logicalId(stack.evidenceBucket), 'Arn'] };
    expect(s3.map((s) => ({ Action: [s.Action].flat().sort(), Resource: s.Resource }))).toEqual([
      { Action: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'], Resource: { 'Fn::Join': ['', [bucketArn, '/evidence/*']] } },
      // so that HeadObject on a key not uploaded yet answers 404 rather than 403
      { Action: ['s3:ListBucket'], Resource: bucketArn },
    ]);
  });

  it('users: only the appraisal function may list the user pool (ListUsers on that pool, nothing else of Cognito)', () => {
    const [[poolId]] = ofType('AWS::Cognito::UserPool') as [[string, Resource]];
    for (const fn of groups) {
      const cognito = statementsOf(fn).filter((s) => [s.Action].flat().some((a) => a.startsWith('cognito')));
      expect(
        cognito.map((s) => ({ Action: s.Action, Resource: s.Resource })),
        fn,
      ).toEqual(
        fn === 'appraise-assessment' ? [{ Action: 'cognito-idp:ListUsers', Resource: { 'Fn::GetAtt': [poolId, 'Arn'] } }] : [],
      );
    }
  });

  it('logs: each function may write only its own log group', () => {
    for (const fn of groups) {
      const logStatements = statementsOf(fn).filter((s) => [s.Action].flat().some((a) => a.startsWith('logs:')));
      expect(logStatements, fn).toEqual([
        expect.objectContaining({ Resource: { 'Fn::GetAtt': [logicalId(stack.functions[fn]!.logGroup), 'Arn'] } }),
      ]);
    }
  });

  it('entry files come from FUNCTION_ENTRIES', () => {
    for (const name of groups) expect(FUNCTION_ENTRIES[name]).toMatch(/^functions\/[a-z-]+\.ts$/);
  });
});

describe('HTTP API', () => {
  const routes = () => ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);

  it('deploys exactly the routes of functions/routes.ts, each integrated with its group’s Lambda', () => {
    expect(
      routes()
        .map((r) => r.RouteKey)
        .sort(),
    ).toEqual(ROUTES.map((r) => r.routeKey).sort());
    const integrations = Object.fromEntries(ofType('AWS::ApiGatewayV2::Integration'));
    for (const route of ROUTES) {
      const deployed = routes().find((r) => r.RouteKey === route.routeKey)!;
      const integrationId = deployed.Target['Fn::Join'][1][1].Ref as string;
      const uri = integrations[integrationId]!.Properties.IntegrationUri;
      expect(uri, route.routeKey).toEqual({ 'Fn::GetAtt': [logicalId(stack.functions[route.fn]!.fn), 'Arn'] });
    }
  });

  it('auth routes use the Cognito JWT authorizer; public routes (health) none', () => {
    const [authorizerId] = ofType('AWS::ApiGatewayV2::Authorizer')[0]!;
    for (const route of ROUTES) {
      const deployed = routes().find((r) => r.RouteKey === route.routeKey)!;
      if (route.auth) {
        expect(deployed.AuthorizationType, route.routeKey).toBe('JWT');
        expect(deployed.AuthorizerId, route.routeKey).toEqual({ Ref: authorizerId });
      } else {
        expect(deployed.AuthorizationType ?? 'NONE', route.routeKey).toBe('NONE');
        expect(deployed.AuthorizerId, route.routeKey).toBeUndefined();
      }
    }
    expect(routes().find((r) => r.RouteKey === 'GET /api/health')?.AuthorizationType ?? 'NONE').toBe('NONE');
  });

  it('never deploys the local-only dev token route', () => {
    for (const key of LOCAL_ONLY_ROUTES) expect(routes().map((r) => r.RouteKey)).not.toContain(key);
    expect(routes().filter((r) => String(r.RouteKey).includes('/dev/'))).toEqual([]);
  });

  it('the JWT authorizer trusts the user pool and the web client', () => {
    const poolId = ofType('AWS::Cognito::UserPool')[0]![0];
    const clientId = ofType('AWS::Cognito::UserPoolClient')[0]![0];
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: clientId }],
        Issuer: { 'Fn::Join': ['', ['https://cognito-idp.ap-southeast-1.amazonaws.com/', { Ref: poolId }]] },
      },
    });
  });

  it('the stage logs access and is throttled', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
    });
  });
});

describe('sign-in', () => {
  it('a Cognito group per role', () => {
    const names = ofType('AWS::Cognito::UserPoolGroup').map(([, g]) => g.Properties.GroupName);
    expect(names.sort()).toEqual([...ROLES].sort());
  });

  it('admin-created users only, e-mail sign-in, strong passwords, optional TOTP, unit and areas attributes', () => {
    const [, pool] = ofType('AWS::Cognito::UserPool')[0]!;
    expect(pool.Properties.AdminCreateUserConfig.AllowAdminCreateUserOnly).toBe(true);
    expect(pool.Properties.UsernameAttributes).toEqual(['email']);
    expect(pool.Properties.Policies.PasswordPolicy).toMatchObject({
      MinimumLength: 12,
      RequireSymbols: true,
      RequireNumbers: true,
    });
    expect(pool.Properties.MfaConfiguration).toBe('OPTIONAL');
    expect(pool.Properties.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
    const custom = pool.Properties.Schema.filter((a: any) => ['unitId', 'areas'].includes(a.Name));
    expect(custom.map((a: any) => a.AttributeDataType)).toEqual(['String', 'String']);
    expect(pool.DeletionPolicy).toBe('Retain');
  });

  it('the SPA client: no secret, code flow, callback to the site, and users cannot rewrite their own unit or areas', () => {
    const [, client] = ofType('AWS::Cognito::UserPoolClient')[0]!;
    const p = client.Properties;
    expect(p.GenerateSecret).toBe(false);
    expect(p.AllowedOAuthFlows).toEqual(['code']);
    expect(JSON.stringify(p.CallbackURLs)).toContain(ofType('AWS::CloudFront::Distribution')[0]![0]);
    // The web app's callback and sign-in pages (web/src/lib/auth.ts), or Cognito refuses the redirect.
    expect(JSON.stringify(p.CallbackURLs)).toContain('/dang-nhap/callback');
    expect(JSON.stringify(p.LogoutURLs)).toMatch(/\/dang-nhap"/);
    expect(p.WriteAttributes.filter((a: string) => a.startsWith('custom:'))).toEqual([]);
    expect(p.AllowedOAuthScopes).not.toContain('aws.cognito.signin.user.admin');
  });

  it('bootstrap users get their unit and role group', () => {
    const [, user] = ofType('AWS::Cognito::UserPoolUser')[0]!;
    expect(user.Properties.Username).toBe('so-noi-vu@example.vn');
    expect(user.Properties.UserAttributes).toContainEqual({ Name: 'custom:unitId', Value: 'thai-nguyen' });
    template.hasResourceProperties('AWS::Cognito::UserPoolUserToGroupAttachment', {
      GroupName: 'province',
      Username: 'so-noi-vu@example.vn',
    });
  });
});

describe('web', () => {
  const distribution = () => ofType('AWS::CloudFront::Distribution')[0]![1].Properties.DistributionConfig;

  it('/api/* goes to the HTTP API uncached with all viewer headers but Host, every method', () => {
    const api = distribution().CacheBehaviors.find((b: any) => b.PathPattern === '/api/*');
    expect(api).toBeDefined();
    expect(api.AllowedMethods.sort()).toEqual(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']);
    expect(api.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'); // Managed-CachingDisabled
    expect(api.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac'); // AllViewerExceptHostHeader
    const origin = distribution().Origins.find((o: any) => o.Id === api.TargetOriginId);
    expect(JSON.stringify(origin.DomainName)).toContain(ofType('AWS::ApiGatewayV2::Api')[0]![0]);
    expect(origin.CustomOriginConfig.OriginProtocolPolicy).toBe('https-only');
  });

  it('the default behaviour serves the private web bucket through OAC, HTTPS, with security headers', () => {
    const d = distribution();
    const origin = d.Origins.find((o: any) => o.Id === d.DefaultCacheBehavior.TargetOriginId);
    expect(origin.OriginAccessControlId).toBeDefined();
    expect(d.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(d.DefaultCacheBehavior.ResponseHeadersPolicyId).toBeDefined();
    expect(d.Logging).toBeDefined();
  });

  it('SPA fallback by path, not by error responses (those would turn API 403/404 into the page with 200)', () => {
    const d = distribution();
    expect(d.CustomErrorResponses).toBeUndefined();
    expect(d.DefaultCacheBehavior.FunctionAssociations).toHaveLength(1);
    const [, fn] = ofType('AWS::CloudFront::Function')[0]!;
    expect(fn.Properties.FunctionCode).toContain('/200.html');
  });

  it('publishes config.json with the Cognito settings the web app signs in with', () => {
    const [, deployment] = ofType('Custom::CDKBucketDeployment')[0]!;
    const markers = JSON.stringify(deployment.Properties.SourceMarkers);
    expect(markers).toContain(JSON.stringify({ Ref: ofType('AWS::Cognito::UserPool')[0]![0] }));
    expect(markers).toContain(JSON.stringify({ Ref: ofType('AWS::Cognito::UserPoolClient')[0]![0] }));
  });
});
