import { Bucket } from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import { synthesize } from './support/synth.ts';

describe('cdk-nag AwsSolutions', () => {
  it('finds nothing unacknowledged in the app as deployed', () => {
    expect(synthesize().violations).toEqual([]);
  });

  it('finds nothing with every optional setting turned on', () => {
    const { violations } = synthesize({
      context: {
        alarmEmail: 'it@example.com',
        mailFrom: 'hr-noreply@example.com',
        replicaRegion: 'eu-central-1',
        companyTimeZone: 'Europe/Berlin',
        backupRetentionDays: 365,
        wecomCorpId: 'ww0123456789abcdef',
        wecomAgentId: '1000002',
        wecomAppUrl: 'https://hr.example.com',
        wecomEgress: 'true',
      },
    });
    expect(violations).toEqual([]);
  });

  it('still catches a finding: an acknowledgement covers only what it names', () => {
    const { violations } = synthesize({ amend: ({ stateful }) => new Bucket(stateful, 'Careless') });
    expect(violations).toContainEqual({
      ruleName: 'AwsSolutions-S1',
      constructs: ['HrStateful/Careless/Resource'],
    });
  });
});

describe('deployment configuration', () => {
  it('refuses an unknown time zone or an impossible hour, naming the setting', () => {
    expect(() => synthesize({ context: { companyTimeZone: 'Mars/Olympus' } })).toThrow(/companyTimeZone/);
    expect(() => synthesize({ context: { backupHour: 25 } })).toThrow(/backupHour/);
  });
});
