import { CfnOutput } from 'aws-cdk-lib';
import {
  CfnEIP,
  FlowLogDestination,
  FlowLogTrafficType,
  GatewayVpcEndpointAwsService,
  NatProvider,
  SecurityGroup,
  SubnetType,
  Vpc,
} from 'aws-cdk-lib/aws-ec2';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/**
 * WeCom answers API calls only from the IP addresses a company lists in its admin. The functions that
 * call it run in private subnets of this VPC and leave through one NAT gateway with a fixed Elastic IP
 * (the stack's output `WeComEgressIp`). DynamoDB and S3 are reached through gateway endpoints, not the
 * NAT; every flow is logged.
 */
export class WeComEgress extends Construct {
  readonly vpc: Vpc;
  readonly securityGroup: SecurityGroup;

  constructor(scope: Construct, id: string, props: { logRetention: RetentionDays }) {
    super(scope, id);
    const ip = new CfnEIP(this, 'EgressIp', { domain: 'vpc' });
    this.vpc = new Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: 1,
      natGatewayProvider: NatProvider.gateway({ eipAllocationIds: [ip.attrAllocationId] }),
      subnetConfiguration: [
        { name: 'public', subnetType: SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'functions', subnetType: SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
      ],
      gatewayEndpoints: {
        DynamoDb: { service: GatewayVpcEndpointAwsService.DYNAMODB },
        S3: { service: GatewayVpcEndpointAwsService.S3 },
      },
      flowLogs: {
        all: {
          destination: FlowLogDestination.toCloudWatchLogs(
            new LogGroup(this, 'FlowLogs', { retention: props.logRetention }),
          ),
          trafficType: FlowLogTrafficType.ALL,
        },
      },
    });
    this.securityGroup = new SecurityGroup(this, 'Functions', {
      vpc: this.vpc,
      description: 'Functions that call WeCom: out through the NAT gateway, nothing in',
      allowAllOutbound: true,
    });
    new CfnOutput(this, 'WeComEgressIp', {
      description: 'Enter this address as a trusted IP of the WeCom application',
      value: ip.attrPublicIp,
    });
  }
}
