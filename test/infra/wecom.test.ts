import type { CfnElement } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Synthesized, synthesize } from './support/synth.ts';

let plain: Synthesized;
let wecom: Synthesized;
beforeAll(() => {
  plain = synthesize();
  wecom = synthesize({
    context: {
      wecomCorpId: 'ww0123456789abcdef',
      wecomAgentId: '1000002',
      wecomAppUrl: 'https://hr.example.com',
      wecomEgress: 'true',
    },
  });
});

const functionOf = (synth: Synthesized, id: string) => {
  const fn = synth.statelessStack.functions.get(id);
  const logicalId = synth.statelessStack.getLogicalId(fn?.function.node.defaultChild as CfnElement);
  return synth.stateless.findResources('AWS::Lambda::Function')[logicalId];
};

describe('WeCom', () => {
  it('is off by default: no secret, no VPC, no NAT, and no function is told of it', () => {
    plain.stateful.resourceCountIs('AWS::SecretsManager::Secret', 1);
    plain.stateless.resourceCountIs('AWS::EC2::VPC', 0);
    plain.stateless.resourceCountIs('AWS::EC2::NatGateway', 0);
    expect(functionOf(plain, 'NoticeDelivery')?.Properties.Environment.Variables).not.toHaveProperty(
      'WECOM_CORP_ID',
    );
  });

  it('keeps its secret in the stateful stack and tells the functions that notify people where it is', () => {
    wecom.stateful.hasResourceProperties('AWS::SecretsManager::Secret', {
      Description: Match.stringLikeRegexp('WeCom'),
      KmsKeyId: Match.anyValue(),
    });
    const variables = functionOf(wecom, 'NoticeDelivery')?.Properties.Environment.Variables;
    expect(variables).toMatchObject({
      WECOM_CORP_ID: 'ww0123456789abcdef',
      WECOM_AGENT_ID: '1000002',
      WECOM_APP_URL: 'https://hr.example.com',
      WECOM_SECRET_ARN: { 'Fn::ImportValue': 'HrStateful-WeComSecretArn' },
    });
    expect(functionOf(wecom, 'WeComCallback')?.Properties.Environment.Variables).toHaveProperty(
      'WECOM_SECRET_ARN',
    );
    // Who sends no notifications is not told of WeCom.
    expect(functionOf(wecom, 'AnonymousFeedback')?.Properties.Environment.Variables).not.toHaveProperty(
      'WECOM_SECRET_ARN',
    );
  });

  it('with egress, sends the functions that call WeCom out through one NAT gateway with a fixed Elastic IP', () => {
    wecom.stateless.resourceCountIs('AWS::EC2::NatGateway', 1);
    wecom.stateless.hasResourceProperties('AWS::EC2::NatGateway', {
      AllocationId: { 'Fn::GetAtt': [Match.stringLikeRegexp('EgressIp'), 'AllocationId'] },
    });
    wecom.stateless.hasResourceProperties('AWS::EC2::FlowLog', { TrafficType: 'ALL' });
    const outputs = wecom.stateless.findOutputs('*');
    expect(Object.values(outputs).map((o) => o.Description)).toContain(
      'Enter this address as a trusted IP of the WeCom application',
    );
    expect(functionOf(wecom, 'NoticeDelivery')?.Properties.VpcConfig).toMatchObject({
      SubnetIds: [
        { Ref: expect.stringMatching(/functionsSubnet1/) },
        { Ref: expect.stringMatching(/functionsSubnet2/) },
      ],
      SecurityGroupIds: [expect.anything()],
    });
    // The anonymous function never calls WeCom and stays out of the VPC.
    expect(functionOf(wecom, 'AnonymousFeedback')?.Properties.VpcConfig).toBeUndefined();
    // DynamoDB and S3 are reached through gateway endpoints, not the NAT.
    wecom.stateless.resourceCountIs('AWS::EC2::VPCEndpoint', 2);
    // And each stack stays well inside CloudFormation's 500 resources (alarms and routes are nested stacks).
    expect(Object.keys(wecom.stateless.toJSON().Resources).length).toBeLessThan(400);
    expect(Object.keys(wecom.alarms.toJSON().Resources).length).toBeLessThan(200);
    expect(Object.keys(wecom.routes.toJSON().Resources).length).toBeLessThan(400);
  });
});
