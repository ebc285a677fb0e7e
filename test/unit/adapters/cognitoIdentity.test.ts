import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  UserNotFoundException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeCognitoIdentity } from '#adapters/aws/people/cognitoIdentity.ts';

const cognito = mockClient(CognitoIdentityProviderClient);
beforeEach(() => cognito.reset());
const identity = () => makeCognitoIdentity('pool-1', new CognitoIdentityProviderClient({}));
const user = {
  employeeId: 'E1003',
  email: 'li.lei@hongtu.example',
  name: '李雷',
  groups: ['employee', 'manager'] as const,
};

describe('Cognito identity', () => {
  it('creates the user under the employee id, invites them by e-mail, and puts them in their role groups', async () => {
    cognito.on(AdminCreateUserCommand).resolves({});
    cognito.on(AdminListGroupsForUserCommand).resolves({ Groups: [] });
    await identity().ensureUser({ ...user, groups: [...user.groups] });
    expect(cognito.commandCalls(AdminCreateUserCommand)[0]?.args[0].input).toEqual({
      UserPoolId: 'pool-1',
      Username: 'E1003',
      DesiredDeliveryMediums: ['EMAIL'],
      UserAttributes: [
        { Name: 'email', Value: 'li.lei@hongtu.example' },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'name', Value: '李雷' },
      ],
    });
    expect(cognito.commandCalls(AdminAddUserToGroupCommand).map((c) => c.args[0].input.GroupName)).toEqual([
      'employee',
      'manager',
    ]);
  });

  it('brings an existing user to exactly the given groups, adding and removing', async () => {
    cognito
      .on(AdminCreateUserCommand)
      .rejects(new UsernameExistsException({ message: 'exists', $metadata: {} }));
    cognito
      .on(AdminListGroupsForUserCommand)
      .resolves({ Groups: [{ GroupName: 'employee' }, { GroupName: 'hr' }] });
    await identity().ensureUser({ ...user, groups: ['employee', 'manager'] });
    expect(cognito.commandCalls(AdminAddUserToGroupCommand).map((c) => c.args[0].input.GroupName)).toEqual([
      'manager',
    ]);
    expect(
      cognito.commandCalls(AdminRemoveUserFromGroupCommand).map((c) => c.args[0].input.GroupName),
    ).toEqual(['hr']);
  });

  it('disables and signs out by employee id; a user already gone is fine', async () => {
    cognito.on(AdminDisableUserCommand).resolves({});
    cognito
      .on(AdminUserGlobalSignOutCommand)
      .rejects(new UserNotFoundException({ message: 'gone', $metadata: {} }));
    await identity().disable('E1002');
    await expect(identity().signOutEverywhere('E1002')).resolves.toBeUndefined();
    expect(cognito.commandCalls(AdminDisableUserCommand)[0]?.args[0].input).toEqual({
      UserPoolId: 'pool-1',
      Username: 'E1002',
    });
  });
});
