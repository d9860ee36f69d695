import { describe, expect, it } from '@jest/globals';
import { ALL_TABLES, buildCreateTableInput, getTableName } from '@holdfast/api/table-definition';
import { Match } from 'aws-cdk-lib/assertions';
import { getOnlyResourceProperties, synthHoldfast } from './support/synth-holdfast.js';

const PREFIX = 'holdfast-dev';
const { template } = synthHoldfast('dev');

// The expectations come from the same CreateTable input the local launcher and the API tests
// create their tables with, so these tests fail whenever AWS and the local stack would differ.
describe.each(ALL_TABLES.map((definition) => [definition.logicalName, definition] as const))(
  'DynamoDB table %s',
  (_logicalName, definition) => {
    const input = buildCreateTableInput(PREFIX, definition);
    const tableName = getTableName(PREFIX, definition);

    it('exists once, named from the shared definition', () => {
      expect(() =>
        getOnlyResourceProperties(template, 'AWS::DynamoDB::Table', { TableName: tableName }),
      ).not.toThrow();
    });

    it('has the key schema and attribute types of the definition', () => {
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        TableName: tableName,
        KeySchema: input.KeySchema,
        AttributeDefinitions: Match.arrayWith(
          input.AttributeDefinitions.map((attribute) => Match.objectEquals(attribute)),
        ),
      });
    });

    it('has no index the definition lacks', () => {
      const properties = getOnlyResourceProperties(template, 'AWS::DynamoDB::Table', {
        TableName: tableName,
      });
      const indexes = properties['GlobalSecondaryIndexes'];
      const indexCount = Array.isArray(indexes) ? indexes.length : 0;
      expect(indexCount).toBe(definition.globalSecondaryIndexes.length);
    });

    it.each(definition.globalSecondaryIndexes.map((index) => [index.indexName] as const))(
      'has index %s with the keys of the definition, projecting all attributes',
      (indexName) => {
        const expected = input.GlobalSecondaryIndexes.find((index) => index.IndexName === indexName);
        expect(expected).toBeDefined();
        template.hasResourceProperties('AWS::DynamoDB::Table', {
          TableName: tableName,
          GlobalSecondaryIndexes: Match.arrayWith([Match.objectEquals({ ...expected })]),
        });
      },
    );

    it(`expires items by ${definition.timeToLiveAttribute}`, () => {
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: definition.timeToLiveAttribute, Enabled: true },
      });
    });

    it('bills on demand with point-in-time recovery', () => {
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      });
    });

    it('is encrypted with the AWS-managed key', () => {
      // SSEEnabled without a key id or SSEType KMS+key is the aws/dynamodb managed key.
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        TableName: tableName,
        SSESpecification: { SSEEnabled: true, KMSMasterKeyId: Match.absent() },
      });
    });

    it('cannot be deleted by a stack update or by hand', () => {
      template.hasResource('AWS::DynamoDB::Table', {
        Properties: Match.objectLike({ TableName: tableName, DeletionProtectionEnabled: true }),
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
    });
  },
);
