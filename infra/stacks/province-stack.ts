import { SIGN_IN_CALLBACK_PATH, SIGN_IN_PATH } from '../../shared/auth-paths.js';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, RemovalPolicy, Stack, Token, Validations, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { FUNCTION_ENTRIES, LIFECYCLE_TASK_ENTRY, ROUTES, type FunctionName } from '../../functions/routes.js';
import { ROLES } from '../../shared/permissions.js';
import { AppFunction } from '../constructs/app-function.js';
import { AssessmentLifecycle } from '../constructs/lifecycle.js';
import { WebDistribution } from '../constructs/web-distribution.js';
import type { ProvinceConfig } from '../../provinces/index.js';
import { SUMMARY_FIELDS, SUMMARY_INDEX, SUMMARY_KEYS } from '../../functions/lib/store/keys.js';
import { grantTable } from '../constructs/table-access.js';

/** The repository root: entries in FUNCTION_ENTRIES and `web/build` are relative to it. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ProvinceStackProps extends StackProps {
  config: ProvinceConfig;
}

/**
 * What each route group may touch, beyond writing its own logs. `lifecycle`: the group changes
 * assessments' statuses, so it completes the state machine's waiting tasks ('respond'); 'start' also
 * starts one execution per commune when a cycle opens.
 */
type Access = {
  table: 'read' | 'readWrite';
  evidence?: 'readWriteDelete';
  lifecycle?: 'respond' | 'start';
  /** Lists the user pool's users (cognito-idp:ListUsers): who an appraiser assignment may name. */
  users?: 'list';
};
export const ACCESS: Record<FunctionName, Access> = {
  'manage-cycles': { table: 'readWrite', lifecycle: 'start' }, // POST /api/cycles writes the cycle and its draft assessments
  'manage-self-assessment': { table: 'readWrite', lifecycle: 'respond' },
  'manage-evidence': { table: 'readWrite', evidence: 'readWriteDelete' },
  'appraise-assessment': { table: 'readWrite', lifecycle: 'respond', users: 'list' }, // assignments name users of the pool
  'rank-and-publish': { table: 'readWrite', lifecycle: 'respond' }, // approval and publication
  'export-reports': { table: 'read' }, // spreadsheets only read
};

/** Evidence objects live under this prefix: `evidence/<cycleId>/<unitId>/<id>`. */
const EVIDENCE_PREFIX = 'evidence/';

/** One province's whole deployment: sign-in, API, functions, data, evidence files and the web app. */
export class ProvinceStack extends Stack {
  readonly table: dynamodb.Table;
  readonly evidenceBucket: s3.Bucket;
  readonly functions: Partial<Record<FunctionName, AppFunction>> = {};
  readonly lifecycle: AssessmentLifecycle;

  constructor(scope: Construct, id: string, props: ProvinceStackProps) {
    super(scope, id, props);
    const { config } = props;

    // ---- Logs: one bucket receiving S3 server access logs and CloudFront standard logs.
    const logBucket = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logging writes with an ACL, so ACLs stay enabled on this bucket only.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ expiration: Duration.days(400) }],
    });
    Validations.of(logBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging it into itself would log its own log deliveries without end.',
    });

    // ---- Data: one table.
    // Keys pk / sk, no GSIs: the layout and its write order are documented in functions/lib/store/keys.ts.
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // The compact summaries (functions/lib/store/keys.ts): one partition per appraising unit and cycle.
    this.table.addGlobalSecondaryIndex({
      indexName: SUMMARY_INDEX,
      partitionKey: { name: SUMMARY_KEYS.pk, type: dynamodb.AttributeType.STRING },
      sortKey: { name: SUMMARY_KEYS.sk, type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.INCLUDE,
      nonKeyAttributes: [...SUMMARY_FIELDS],
    });

    // ---- Web app (needed first: its URL is the CORS origin and the sign-in callback).
    const api = new apigw.HttpApi(this, 'Api', {
      description: `CCHC Index API, ${config.name}`,
      createDefaultStage: false,
    });
    const web = new WebDistribution(this, 'Web', {
      apiEndpoint: api.apiEndpoint,
      logBucket,
      webBuildDir: join(REPO_ROOT, 'web', 'build'),
    });

    // ---- Evidence files: uploaded and downloaded by the browser with presigned URLs.
    this.evidenceBucket = new s3.Bucket(this, 'Evidence', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
      serverAccessLogsBucket: logBucket,
      serverAccessLogsPrefix: 's3/evidence/',
      cors: [
        {
          allowedMethods: [s3.HttpMethods.PUT, s3.HttpMethods.GET, s3.HttpMethods.HEAD],
          allowedOrigins: [web.url],
          allowedHeaders: ['*'],
          exposedHeaders: ['ETag'],
          maxAge: 3600,
        },
      ],
      // A deleted file stays recoverable for a while (versioned), then really goes.
      lifecycleRules: [
        { noncurrentVersionExpiration: Duration.days(365), abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });

    // ---- Sign-in.
    const userPool = new cognito.UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true }, fullname: { required: false, mutable: true } },
      customAttributes: {
        unitId: new cognito.StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
        areas: new cognito.StringAttribute({ maxLen: 256, mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(7),
      },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { sms: false, otp: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(userPool).acknowledge(
      {
        id: 'AwsSolutions-COG2',
        reason:
          'MFA is optional (TOTP, never SMS) as decided for the first release: most commune officials have no authenticator app enrolled yet; a province switches to Mfa.REQUIRED once its users are enrolled.',
      },
      {
        id: 'AwsSolutions-COG8',
        reason:
          'Essentials feature plan: the Plus plan (threat protection) is billed per monthly active user on top; sign-in is e-mail + strong password with optional TOTP and no self sign-up, users are created by the operator.',
      },
    );
    ROLES.forEach((role, precedence) => {
      new cognito.CfnUserPoolGroup(this, `Group-${role}`, { userPoolId: userPool.userPoolId, groupName: role, precedence });
    });
    // Users must not change their own unit or areas: the client may write only name.
    const writable = new cognito.ClientAttributes().withStandardAttributes({ fullname: true });
    const client = userPool.addClient('WebClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        // The same paths the web app uses (shared/auth-paths.ts).
        callbackUrls: [`${web.url}${SIGN_IN_CALLBACK_PATH}`],
        logoutUrls: [`${web.url}${SIGN_IN_PATH}`],
      },
      preventUserExistenceErrors: true,
      writeAttributes: writable,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });
    // Hosted-UI prefixes are global per region: the account id keeps two deployments of one province apart.
    if (!/^[a-z0-9-]{1,40}$/.test(config.id))
      throw new Error(`Province id "${config.id}" must be 1-40 of a-z, 0-9, "-" (it names the sign-in domain)`);
    const domain = userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: `cchc-${config.id}-${this.account}` } });
    config.bootstrapUsers.forEach((u, i) => {
      const user = new cognito.CfnUserPoolUser(this, `BootstrapUser${i}`, {
        userPoolId: userPool.userPoolId,
        username: u.email,
        desiredDeliveryMediums: ['EMAIL'],
        userAttributes: [
          { name: 'email', value: u.email },
          { name: 'email_verified', value: 'true' },
          { name: 'name', value: u.name },
          { name: 'custom:unitId', value: u.unitId },
        ],
      });
      const attach = new cognito.CfnUserPoolUserToGroupAttachment(this, `BootstrapUser${i}Group`, {
        userPoolId: userPool.userPoolId,
        username: u.email,
        groupName: u.role,
      });
      attach.node.addDependency(user, this.node.findChild(`Group-${u.role}`));
    });

    // ---- API.
    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', { retention: logs.RetentionDays.ONE_YEAR });
    new apigw.HttpStage(this, 'ApiStage', {
      httpApi: api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            time: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latency: '$context.responseLatency',
            sub: '$context.authorizer.claims.sub',
            error: '$context.error.message',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
    // A JWT authorizer: issuer https://cognito-idp.<region>.amazonaws.com/<pool id>, audience the web client.
    const authorizer = new HttpUserPoolAuthorizer('Cognito', userPool, { userPoolClients: [client] });

    // ---- Assessment lifecycle: the state machine and its task function (not behind the API).
    this.lifecycle = new AssessmentLifecycle(this, 'Lifecycle', {
      taskEntry: join(REPO_ROOT, LIFECYCLE_TASK_ENTRY),
      projectRoot: REPO_ROOT,
      table: this.table,
      environment: { TABLE_NAME: this.table.tableName, PROVINCE_ID: config.id },
      description: `CCHC lifecycle task (${config.id})`,
    });

    const environment = { TABLE_NAME: this.table.tableName, BUCKET_NAME: this.evidenceBucket.bucketName, PROVINCE_ID: config.id };
    const groups = [...new Set(ROUTES.map((r) => r.fn))];
    for (const fnName of groups) {
      const f = new AppFunction(this, `Fn-${fnName}`, {
        entry: join(REPO_ROOT, FUNCTION_ENTRIES[fnName]),
        projectRoot: REPO_ROOT,
        environment: ACCESS[fnName].users ? { ...environment, USER_POOL_ID: userPool.userPoolId } : environment,
        description: `CCHC ${fnName} (${config.id})`,
      });
      this.grant(f, ACCESS[fnName]);
      if (ACCESS[fnName].users)
        f.role.addToPolicy(new iam.PolicyStatement({ actions: ['cognito-idp:ListUsers'], resources: [userPool.userPoolArn] }));
      const lifecycle = ACCESS[fnName].lifecycle;
      if (lifecycle) this.lifecycle.connect(f, { start: lifecycle === 'start' });
      this.functions[fnName] = f;
    }
    for (const route of ROUTES) {
      const f = this.functions[route.fn];
      if (!f) throw new Error(`No function for ${route.fn}`);
      const [method, path] = route.routeKey.split(' ') as [string, string];
      const r = new apigw.HttpRoute(this, `Route ${route.routeKey}`, {
        httpApi: api,
        routeKey: apigw.HttpRouteKey.with(path, method as apigw.HttpMethod),
        integration: new HttpLambdaIntegration(`Int ${route.routeKey}`, f.fn),
        authorizer: route.auth ? authorizer : undefined,
      });
      if (!route.auth) {
        Validations.of(r).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${route.routeKey} is public by the API contract (auth: false in functions/routes.ts); it reveals no scores or personal data.`,
        });
      }
    }

    web.deploy({
      auth: 'cognito',
      region: this.region,
      userPoolId: userPool.userPoolId,
      clientId: client.userPoolClientId,
      cognitoDomain: domain.baseUrl(),
    });

    this.acknowledgeBucketDeployment(web);

    new CfnOutput(this, 'SiteUrl', { value: web.url });
    new CfnOutput(this, 'ApiEndpoint', { value: api.apiEndpoint });
    new CfnOutput(this, 'UserPoolId', { value: userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: client.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'EvidenceBucketName', { value: this.evidenceBucket.bucketName });
    new CfnOutput(this, 'LifecycleStateMachineArn', { value: this.lifecycle.stateMachine.stateMachineArn });
  }

  /**
   * BucketDeployment's handler is CDK's own singleton Lambda: its runtime, managed policy and
   * wildcard grants (asset bucket, web bucket, CloudFront invalidation) are not ours to change.
   */
  private acknowledgeBucketDeployment(web: WebDistribution): void {
    const handler = this.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (!handler) throw new Error('BucketDeployment handler not found');
    const region = Token.isUnresolved(this.region) ? '<AWS::Region>' : this.region;
    const webBucketArn = `<${this.getLogicalId(web.bucket.node.defaultChild as s3.CfnBucket)}.Arn>`;
    const why = 'CDK BucketDeployment handler (owned by aws-cdk-lib, runs only during deploy to copy the web build)';
    Validations.of(handler).acknowledge(
      { id: 'AwsSolutions-L1', reason: `${why}: CDK pins its Python runtime.` },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: `${why}: CDK attaches the basic execution role for its logs.`,
      },
      ...[
        'Action::s3:GetObject*',
        'Action::s3:GetBucket*',
        'Action::s3:List*',
        'Action::s3:DeleteObject*',
        'Action::s3:Abort*',
      ].map((f) => ({
        id: `AwsSolutions-IAM5[${f}]`,
        reason: `${why}: grantRead on the asset bucket and grantReadWrite on the web bucket use these action groups.`,
      })),
      {
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${region}/*]`,
        reason: `${why}: reads the uploaded web build from the CDK bootstrap asset bucket.`,
      },
      {
        id: `AwsSolutions-IAM5[Resource::${webBucketArn}/*]`,
        reason: `${why}: replaces every object of the web bucket (prune).`,
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: `${why}: cloudfront:CreateInvalidation/GetInvalidation do not support resource-level scoping in CDK's grant.`,
      },
    );
  }

  private grant(f: AppFunction, access: Access): void {
    grantTable(this.table, f.role, { write: access.table === 'readWrite', summaries: true });
    if (access.evidence) {
      f.role.addToPolicy(
        new iam.PolicyStatement({
          actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'],
          resources: [this.evidenceBucket.arnForObjects(`${EVIDENCE_PREFIX}*`)],
        }),
      );
      // Without ListBucket S3 answers 403 instead of 404 for a missing key, and the handler's
      // "not uploaded yet" check (HeadObject → NotFound) would become a 500.
      f.role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.evidenceBucket.bucketArn] }));
      Validations.of(f.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(this.evidenceBucket.node.defaultChild as s3.CfnBucket)}.Arn>/${EVIDENCE_PREFIX}*]`,
        reason:
          'Evidence object keys are minted per upload (evidence/<cycleId>/<unitId>/<id>), so the grant names the evidence/ prefix; it allows only Put/Get/DeleteObject there, and the handler checks the caller may touch that unit.',
      });
    }
  }
}
