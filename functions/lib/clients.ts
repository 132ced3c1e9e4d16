/**
 * AWS clients, made once per module. In AWS the endpoints are the defaults; the local stack sets
 * DYNAMODB_ENDPOINT / S3_ENDPOINT to dynalite and s3rver.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { stopAtDeadline } from './invocation.js';

const local = (endpoint: string | undefined) =>
  endpoint
    ? { endpoint, region: process.env.AWS_REGION ?? 'local', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } }
    : {};

export function makeDocumentClient(endpoint = process.env.DYNAMODB_ENDPOINT): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(stopAtDeadline(new DynamoDBClient({ ...local(endpoint), maxAttempts: 3 })), {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
}

export function makeS3Client(endpoint = process.env.S3_ENDPOINT): S3Client {
  return stopAtDeadline(
    new S3Client({
      ...local(endpoint),
      ...(endpoint ? { forcePathStyle: true } : {}),
      // s3rver stores aws-chunked framing inside objects unless checksums are only sent when required.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
  );
}
