/** Builds a province stack for the infra tests: no esbuild bundling (assets are skipped), optional cdk-nag. */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { provinceConfig } from '../../provinces/index.js';
import { ProvinceStack } from '../../infra/stacks/province-stack.js';

export function buildApp(opts: { nag?: boolean; province?: string } = {}): { app: App; stack: ProvinceStack } {
  // Bundling skipped for every stack: the template is the same, without running esbuild per function.
  // CDK's built-in CloudFormation validation (cfn-lint rules, seconds per synth) stays on for
  // `cdk synth`; the tests check the template themselves.
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
  const config = provinceConfig(opts.province ?? 'thai-nguyen');
  const stack = new ProvinceStack(app, `Cchc-${config.id}`, { config, env: config.env });
  if (opts.nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}
