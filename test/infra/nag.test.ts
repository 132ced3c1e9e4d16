import { describe, expect, it } from 'vitest';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { buildApp } from './synth.js';

/** Every acknowledgement in the tree: rule id → reason. */
function acknowledgements(root: IConstruct): { path: string; id: string; reason: string }[] {
  return root.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) =>
        Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({
          path: c.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

describe('cdk-nag AwsSolutions', () => {
  it('the province stack has no unacknowledged finding, and synth with the pack passes', () => {
    const { app } = buildApp({ nag: true });
    const report = new AwsSolutionsChecks().validateScope(app);
    const findings = report.violations.map(
      (v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
    );
    expect(findings).toEqual([]);
    expect(() => app.synth()).not.toThrow();

    // Each acknowledgement names one rule and says why, in words specific to it.
    const acks = acknowledgements(app).filter((a) => a.id.startsWith('AwsSolutions-'));
    expect(acks.length).toBeGreaterThan(0);
    for (const a of acks) {
      expect(a.reason.length, `${a.path} ${a.id}`).toBeGreaterThan(40);
    }
    // The rules acknowledged anywhere; a new one is a decision to review, so it is listed here.
    const rules = [...new Set(acks.map((a) => a.id.replace(/\[.*$/, '')))].sort();
    expect(rules).toEqual(
      ['APIG4', 'CFR1', 'CFR2', 'CFR4', 'COG2', 'COG8', 'IAM4', 'IAM5', 'L1', 'S1'].map((r) => `AwsSolutions-${r}`),
    );
    // Only CDK's own BucketDeployment handler may keep a managed policy or an old runtime.
    for (const a of acks.filter((x) => /-(IAM4|L1)/.test(x.id))) expect(a.path).toMatch(/Custom::CDKBucketDeployment/);
    // The lifecycle's one acknowledgement: the "*" that logging and tracing need on the state machine's role.
    expect(acks.filter((x) => x.path.includes('/Lifecycle/')).map((x) => `${x.path} ${x.id}`)).toEqual([
      'Cchc-thai-nguyen/Lifecycle/StateMachine/Role AwsSolutions-IAM5[Resource::*]',
    ]);
  });

  it('is really checking: a bucket without TLS enforcement or access logs fails synth', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    new s3.Bucket(new Stack(app, 'Bad'), 'Careless');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).toThrow(/AwsSolutions-S1|AwsSolutions-S10|Validation/);
  });
});
