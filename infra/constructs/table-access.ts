/**
 * The table's data actions for a function role, named exactly: CDK's `grantReadWriteData` adds every
 * index of the table (`<arn>/index/*`); here the one index a function reads is named, and only when it
 * reads it (the lifecycle task never lists).
 */
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SUMMARY_INDEX } from '../../functions/lib/store/keys.js';

const READ = [
  'dynamodb:BatchGetItem',
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];
const WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

export function grantTable(table: dynamodb.ITable, role: iam.IGrantable, access: { write: boolean; summaries: boolean }): void {
  role.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: access.write ? [...READ, ...WRITE] : READ, resources: [table.tableArn] }),
  );
  if (access.summaries)
    role.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: [`${table.tableArn}/index/${SUMMARY_INDEX}`] }),
    );
}
