/**
 * The CDK app: one stack per province, chosen with `-c province=<id>` (see provinces/).
 * cdk-nag's AwsSolutions pack checks the synthesized stack; an unacknowledged finding fails synth.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { provinceConfig, provinceIds, validateProvince } from '../provinces/index.js';
import { ProvinceStack } from './stacks/province-stack.js';

const app = new App();
const id: unknown = app.node.tryGetContext('province');
if (typeof id !== 'string' || id === '') {
  throw new Error(`Choose a province: cdk synth -c province=<id> (known: ${provinceIds().join(', ')})`);
}
const config = provinceConfig(id);
validateProvince(config);
new ProvinceStack(app, `Cchc-${config.id}`, {
  config,
  env: config.env,
  description: `CCHC Index for ${config.name}`,
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
