/**
 * The assessment lifecycle: the Step Functions state machine of functions/lifecycle/definition.ts (the
 * one definition the local stack runs too) and the Lambda its Task states call.
 *
 * Dependencies run one way only: state machine → task function. The API functions reference the
 * machine (`connect`); the task function, which the machine references, knows the machine by its
 * name-built ARN instead of a reference to the resource, so the template has no cycle.
 */
import { RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { assessmentLifecycleDefinition } from '../../functions/lifecycle/definition.js';
import { AppFunction } from './app-function.js';
import { grantTable } from './table-access.js';

export interface AssessmentLifecycleProps {
  /** Absolute path of the task function's entry (LIFECYCLE_TASK_ENTRY). */
  taskEntry: string;
  projectRoot: string;
  table: dynamodb.ITable;
  /** TABLE_NAME and PROVINCE_ID; STATE_MACHINE_ARN is added here. */
  environment: Record<string, string>;
  description?: string;
}

export class AssessmentLifecycle extends Construct {
  readonly taskFunction: AppFunction;
  readonly stateMachine: sfn.StateMachine;
  readonly logGroup: logs.LogGroup;
  /** Physical name of the state machine: the task function builds the machine's ARN from it. */
  readonly stateMachineName: string;

  constructor(scope: Construct, id: string, props: AssessmentLifecycleProps) {
    super(scope, id);
    const stack = Stack.of(this);
    if (Token.isUnresolved(stack.stackName)) throw new Error('AssessmentLifecycle needs a stack with a literal name');
    // Unique per account and region as the stack name is; at most 80 characters of [A-Za-z0-9_-].
    this.stateMachineName = `${stack.stackName}-assessment-lifecycle`;
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(this.stateMachineName))
      throw new Error(`State machine name "${this.stateMachineName}" must be 1-80 of A-Z, a-z, 0-9, "-", "_"`);
    // The same ARN as the machine's, with no reference to the machine (which references this function).
    const byName = sfn.StateMachine.fromStateMachineName(this, 'ByName', this.stateMachineName);

    this.taskFunction = new AppFunction(this, 'Task', {
      entry: props.taskEntry,
      projectRoot: props.projectRoot,
      description: props.description,
      // With STATE_MACHINE_ARN set, registering a token completes it at once when the stored status
      // has already moved past the wait (a human step taken between the task's start and its registration).
      environment: { ...props.environment, STATE_MACHINE_ARN: byName.stateMachineArn },
    });
    grantTable(props.table, this.taskFunction.role, { write: true, summaries: false });
    sfn.StateMachineGrants.fromStateMachine(byName).taskResponse(this.taskFunction.role);

    // Execution history in CloudWatch: the /aws/vendedlogs/ prefix keeps the account's CloudWatch Logs
    // resource policy from growing by one entry per province (its size is limited). Retained as the
    // other log groups are; a stack re-created under the same name adopts nothing, so delete the old
    // group by hand before that.
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/aws/vendedlogs/states/${this.stateMachineName}`,
      retention: logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineName: this.stateMachineName,
      stateMachineType: sfn.StateMachineType.STANDARD,
      // The one definition, with the task function's ARN (a token: it synthesizes to Fn::Join/Fn::GetAtt).
      definitionBody: sfn.DefinitionBody.fromString(
        JSON.stringify(assessmentLifecycleDefinition(this.taskFunction.fn.functionArn)),
      ),
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: true },
      tracingEnabled: true,
    });
    // The definition invokes the unqualified function ARN only (no versions or aliases), so the grant
    // names exactly that ARN (Function.grantInvoke would add `<arn>:*`).
    this.stateMachine.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.taskFunction.fn.functionArn] }),
    );
    Validations.of(this.stateMachine.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Added by CDK for logging and tracing (SF1, SF2): the CloudWatch Logs delivery actions (logs:CreateLogDelivery, GetLogDelivery, ListLogDeliveries, PutResourcePolicy, ...) and X-Ray actions (xray:PutTraceSegments, PutTelemetryRecords, GetSamplingRules, GetSamplingTargets) support no resource-level permissions, so IAM accepts only "*" for them. The role may invoke only the lifecycle task function.',
    });
  }

  /**
   * An API function that changes an assessment's status completes the waiting task
   * (SendTaskSuccess/Failure); the one that opens cycles also starts executions.
   */
  connect(f: AppFunction, opts: { start?: boolean } = {}): void {
    f.fn.addEnvironment('STATE_MACHINE_ARN', this.stateMachine.stateMachineArn);
    this.stateMachine.grants.taskResponse(f.role);
    if (opts.start) this.stateMachine.grants.startExecution(f.role);
  }
}
