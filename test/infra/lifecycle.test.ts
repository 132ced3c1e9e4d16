import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Template } from 'aws-cdk-lib/assertions';
import { assessmentLifecycleDefinition } from '../../functions/lifecycle/definition.js';
import { FUNCTION_ENTRIES, ROUTES, type FunctionName } from '../../functions/routes.js';
import { ACCESS, REPO_ROOT, type ProvinceStack } from '../../infra/stacks/province-stack.js';
import { buildApp } from './synth.js';

// asl-validator is CommonJS without types: `module.exports = function validator(definition, opts)`.
type AslValidator = (definition: unknown) => { isValid: boolean; errors: unknown[] };
const aslValidator = createRequire(import.meta.url)('asl-validator') as AslValidator;

type Resource = { Type: string; Properties: Record<string, any>; DependsOn?: string | string[]; DeletionPolicy?: string };
type Statement = { Action: string | string[]; Resource: unknown; Effect: string };

let stack: ProvinceStack;
let resources: Record<string, Resource>;
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const logicalId = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as never);
const groups = [...new Set(ROUTES.map((r) => r.fn))];

const REGION = 'ap-southeast-1';
const ACCOUNT = '123456789012';
/**
 * Resolves the intrinsic functions CDK leaves in a DefinitionString to plain strings: `Ref AWS::Partition`
 * → aws, `Fn::GetAtt [<Lambda>, Arn]` → a well-formed Lambda ARN named by the logical id. Anything else
 * (another resource's token, Fn::Sub, ...) is unexpected in the definition and fails the test.
 */
function resolve(v: unknown): string {
  if (typeof v === 'string') return v;
  const o = v as Record<string, any>;
  if (o?.Ref === 'AWS::Partition') return 'aws';
  if (o?.Ref === 'AWS::Region') return REGION;
  if (o?.Ref === 'AWS::AccountId') return ACCOUNT;
  if (Array.isArray(o?.['Fn::GetAtt'])) {
    const [id, attr] = o['Fn::GetAtt'] as [string, string];
    if (resources[id]?.Type === 'AWS::Lambda::Function' && attr === 'Arn') return lambdaArn(id);
  }
  if (Array.isArray(o?.['Fn::Join'])) {
    const [sep, parts] = o['Fn::Join'] as [string, unknown[]];
    return parts.map(resolve).join(sep);
  }
  throw new Error(`unexpected intrinsic in the state machine definition: ${JSON.stringify(v)}`);
}
const lambdaArn = (id: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${id}`;

/** The inline policy statements of a role. */
function statementsOf(roleId: string): Statement[] {
  expect(resources[roleId]!.Properties.ManagedPolicyArns, roleId).toBeUndefined();
  return ofType('AWS::IAM::Policy')
    .filter(([, p]) => p.Properties.Roles.some((r: any) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
}
const actionsOf = (s: Statement) => [s.Action].flat();

let machineId: string;
let machine: Resource;
let taskFnId: string;
let asl: any;

beforeAll(() => {
  ({ stack } = buildApp());
  resources = Template.fromStack(stack).toJSON().Resources;
  machineId = logicalId(stack.lifecycle.stateMachine);
  machine = resources[machineId]!;
  taskFnId = logicalId(stack.lifecycle.taskFunction.fn);
  asl = JSON.parse(resolve(machine.Properties.DefinitionString));
});

describe('the state machine', () => {
  it('is the only one: STANDARD, named after the stack, logging ALL with execution data, traced', () => {
    expect(ofType('AWS::StepFunctions::StateMachine').map(([id]) => id)).toEqual([machineId]);
    const p = machine.Properties;
    expect(p.StateMachineType).toBe('STANDARD');
    expect(p.StateMachineName).toBe('Cchc-thai-nguyen-assessment-lifecycle');
    expect(p.TracingConfiguration).toEqual({ Enabled: true });
    expect(p.LoggingConfiguration.Level).toBe('ALL');
    expect(p.LoggingConfiguration.IncludeExecutionData).toBe(true);
    const logGroupId = logicalId(stack.lifecycle.logGroup);
    expect(p.LoggingConfiguration.Destinations).toEqual([
      { CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [logGroupId, 'Arn'] } } },
    ]);
    const logGroup = resources[logGroupId]!;
    expect(logGroup.Properties.LogGroupName).toBe('/aws/vendedlogs/states/Cchc-thai-nguyen-assessment-lifecycle');
    expect(logGroup.Properties.RetentionInDays).toBe(365);
    expect(logGroup.DeletionPolicy).toBe('Retain');
  });

  it('its definition, resolved to plain ASL, is valid ASL and exactly assessmentLifecycleDefinition(<task function>)', () => {
    const { isValid, errors } = aslValidator(structuredClone(asl)); // the validator annotates its input
    expect(errors).toEqual([]);
    expect(isValid).toBe(true);
    // The one source: the deployed definition is the function's output with the task function's ARN.
    expect(asl).toEqual(JSON.parse(JSON.stringify(assessmentLifecycleDefinition(lambdaArn(taskFnId)))));
  });

  it('every Task state invokes the task function and has a Catch; the waits use the callback pattern', () => {
    const states = Object.entries<any>(asl.States);
    const tasks = states.filter(([, s]) => s.Type === 'Task');
    expect(tasks.length).toBeGreaterThan(0);
    for (const [name, s] of tasks) {
      expect(s.Parameters.FunctionName, name).toBe(lambdaArn(taskFnId));
      expect(s.Catch?.length, `${name} has a Catch`).toBeGreaterThan(0);
      for (const c of s.Catch) expect(Object.keys(asl.States), `${name} catches to a state`).toContain(c.Next);
      if (name.startsWith('Await')) {
        expect(s.Resource, name).toBe('arn:aws:states:::lambda:invoke.waitForTaskToken');
        expect(s.Parameters.Payload['token.$'], name).toBe('$$.Task.Token');
      } else {
        expect(s.Resource, name).toBe('arn:aws:states:::lambda:invoke');
      }
    }
    expect(
      tasks
        .filter(([n]) => n.startsWith('Await'))
        .map(([n]) => n)
        .sort(),
    ).toEqual(['AwaitAppraisal', 'AwaitApproval', 'AwaitLateDecision', 'AwaitPublication', 'AwaitReport', 'AwaitSubmission']);
  });

  it('AwaitSubmission times out at the deadline the task computed, and a timeout locks the self-assessment', () => {
    const s = asl.States.AwaitSubmission;
    expect(s.TimeoutSecondsPath).toBe('$.state.secondsLeft');
    expect(s.TimeoutSeconds).toBeUndefined();
    expect(s.Catch[0]).toEqual({ ErrorEquals: ['States.Timeout'], ResultPath: '$.error', Next: 'LockSelf' });
  });

  it('its role may invoke the task function only, by its exact (unqualified) ARN', () => {
    const roleId = machine.Properties.RoleArn['Fn::GetAtt'][0] as string;
    const lambdaStatements = statementsOf(roleId).filter((s) => actionsOf(s).some((a) => a.startsWith('lambda:')));
    expect(lambdaStatements).toEqual([
      { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: { 'Fn::GetAtt': [taskFnId, 'Arn'] } },
    ]);
    // Nothing else the role may do beyond logging and tracing.
    const others = statementsOf(roleId)
      .flatMap(actionsOf)
      .filter((a) => !/^(logs|xray):/.test(a) && a !== 'lambda:InvokeFunction');
    expect(others).toEqual([]);
  });
});

describe('the task function', () => {
  it('runs LIFECYCLE_TASK_ENTRY’s handler with the table and the province', () => {
    const fn = resources[taskFnId]!;
    expect(fn.Properties.Handler).toBe('index.handler');
    expect(fn.Properties.Runtime).toBe('nodejs24.x');
    const env = fn.Properties.Environment.Variables;
    expect(env.TABLE_NAME).toEqual({ Ref: logicalId(stack.table) });
    expect(env.PROVINCE_ID).toBe('thai-nguyen');
  });

  it('knows the machine by its name-built ARN (no reference back: no cycle), and may only complete its tasks', () => {
    const env = resources[taskFnId]!.Properties.Environment.Variables;
    const arn = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${machine.Properties.StateMachineName}`;
    expect(resolve(env.STATE_MACHINE_ARN)).toBe(arn);
    const statements = statementsOf(logicalId(stack.lifecycle.taskFunction.role));
    const states = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('states:')));
    expect(states.map((s) => ({ actions: actionsOf(s).sort(), resource: resolve(s.Resource) }))).toEqual([
      { actions: ['states:SendTaskFailure', 'states:SendTaskHeartbeat', 'states:SendTaskSuccess'], resource: arn },
    ]);
    // Its own logs, the table and the callbacks; nothing else.
    const tableArn = { 'Fn::GetAtt': [logicalId(stack.table), 'Arn'] };
    const logsArn = { 'Fn::GetAtt': [logicalId(stack.lifecycle.taskFunction.logGroup), 'Arn'] };
    for (const s of statements) {
      const kinds = new Set(actionsOf(s).map((a) => a.split(':')[0]));
      expect(kinds.size, JSON.stringify(s)).toBe(1);
      const [kind] = [...kinds];
      if (kind === 'logs') expect(s.Resource).toEqual(logsArn);
      else if (kind === 'dynamodb') expect([s.Resource].flat()).toEqual([tableArn]);
      else expect(kind).toBe('states');
    }
    expect(actionsOf(statements.find((s) => actionsOf(s).includes('dynamodb:PutItem'))!)).toContain('dynamodb:UpdateItem');
  });
});

describe('the API functions', () => {
  const machineRef = () => ({ Ref: machineId });
  const statesActions = (fn: FunctionName) =>
    statementsOf(logicalId(stack.functions[fn]!.role)).filter((s) => actionsOf(s).some((a) => a.startsWith('states:')));

  it('those that change statuses or open cycles get STATE_MACHINE_ARN and may complete waiting tasks', () => {
    const connected = groups.filter((g) => ACCESS[g].lifecycle);
    expect(connected).toEqual(expect.arrayContaining(['appraise-assessment', 'manage-cycles', 'manage-self-assessment']));
    expect(connected).not.toContain('manage-evidence');
    for (const fn of connected) {
      const env = resources[logicalId(stack.functions[fn]!.fn)]!.Properties.Environment.Variables;
      expect(env.STATE_MACHINE_ARN, fn).toEqual(machineRef());
      const respond = statesActions(fn).find((s) => actionsOf(s).includes('states:SendTaskSuccess'));
      expect(respond, fn).toBeDefined();
      expect(actionsOf(respond!).sort(), fn).toEqual([
        'states:SendTaskFailure',
        'states:SendTaskHeartbeat',
        'states:SendTaskSuccess',
      ]);
      expect(respond!.Resource, fn).toEqual(machineRef());
    }
    // Not connected (evidence): no ARN, no states:* permission.
    for (const fn of groups.filter((g) => !ACCESS[g].lifecycle)) {
      expect(
        resources[logicalId(stack.functions[fn]!.fn)]!.Properties.Environment.Variables.STATE_MACHINE_ARN,
        fn,
      ).toBeUndefined();
      expect(statesActions(fn), fn).toEqual([]);
    }
  });

  it('every route group whose handler uses the lifecycle is connected (else it would silently skip the callbacks)', () => {
    for (const fn of groups) {
      const source = readFileSync(join(REPO_ROOT, FUNCTION_ENTRIES[fn]), 'utf8');
      const usesLifecycle = /import\s*\{[^}]*\blifecycle\b[^}]*\}\s*from\s*'\.\/lib\/context\.js'/.test(source);
      if (usesLifecycle) expect(ACCESS[fn].lifecycle, fn).toBeDefined();
    }
  });

  it('only the catalog function (which opens cycles) may start executions, of this machine only', () => {
    const starters = ofType('AWS::IAM::Policy').flatMap(([, p]) =>
      (p.Properties.PolicyDocument.Statement as Statement[])
        .filter((s) => actionsOf(s).some((a) => a === 'states:StartExecution' || a === 'states:*' || a === '*'))
        .map((s) => ({ roles: p.Properties.Roles, resource: s.Resource })),
    );
    expect(starters).toEqual([{ roles: [{ Ref: logicalId(stack.functions['manage-cycles']!.role) }], resource: machineRef() }]);
  });
});

describe('dependencies', () => {
  // Template.fromStack (beforeAll) already refuses a template with a cycle; this pins the direction.
  it('one way only: machine → task function, API functions → machine, never task function → machine', () => {
    const refs = (v: unknown, out: Set<string>): Set<string> => {
      if (Array.isArray(v)) v.forEach((x) => refs(x, out));
      else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (typeof o.Ref === 'string' && resources[o.Ref]) out.add(o.Ref);
        const getAtt = o['Fn::GetAtt'];
        if (Array.isArray(getAtt) && resources[getAtt[0] as string]) out.add(getAtt[0] as string);
        const sub = o['Fn::Sub'];
        const subText = typeof sub === 'string' ? sub : Array.isArray(sub) ? String(sub[0]) : '';
        for (const m of subText.matchAll(/\$\{([^}.!]+)/g)) if (resources[m[1]!]) out.add(m[1]!);
        Object.values(o).forEach((x) => refs(x, out));
      }
      return out;
    };
    const edges = new Map<string, Set<string>>();
    for (const [id, r] of Object.entries(resources)) {
      const deps = refs(r.Properties ?? {}, new Set());
      for (const d of [r.DependsOn ?? []].flat()) deps.add(d);
      edges.set(id, deps);
    }
    expect(edges.get(machineId)).toContain(taskFnId);
    /** Does `from` depend on `to`, directly or through others? */
    const reaches = (from: string, to: string): boolean => {
      const seen = new Set<string>();
      const todo = [from];
      for (let id = todo.pop(); id !== undefined; id = todo.pop()) {
        if (id === to) return true;
        if (seen.has(id)) continue;
        seen.add(id);
        todo.push(...(edges.get(id) ?? []));
      }
      return false;
    };
    expect(reaches(taskFnId, machineId)).toBe(false);
    expect(reaches(logicalId(stack.functions['manage-cycles']!.fn), machineId)).toBe(true);
  });
});
