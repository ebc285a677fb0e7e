import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  UserNotFoundException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Identity } from '#ports/people/identity.ts';

const ignoreMissingUser = (error: unknown) => {
  if (!(error instanceof UserNotFoundException)) throw error;
};

/**
 * Cognito users named by employee id. New users get Cognito's invitation e-mail with a temporary
 * password; groups are set to exactly the employee's roles.
 */
export function makeCognitoIdentity(
  userPoolId: string,
  client = new CognitoIdentityProviderClient({}),
): Identity {
  const UserPoolId = userPoolId;
  return {
    async ensureUser(user) {
      try {
        await client.send(
          new AdminCreateUserCommand({
            UserPoolId,
            Username: user.employeeId,
            DesiredDeliveryMediums: ['EMAIL'],
            UserAttributes: [
              { Name: 'email', Value: user.email },
              { Name: 'email_verified', Value: 'true' },
              { Name: 'name', Value: user.name },
            ],
          }),
        );
      } catch (error) {
        if (!(error instanceof UsernameExistsException)) throw error;
      }
      const current = new Set<string>();
      let NextToken: string | undefined;
      do {
        const page = await client.send(
          new AdminListGroupsForUserCommand({ UserPoolId, Username: user.employeeId, NextToken }),
        );
        for (const group of page.Groups ?? []) if (group.GroupName) current.add(group.GroupName);
        NextToken = page.NextToken;
      } while (NextToken);
      const wanted = new Set<string>(user.groups);
      for (const group of wanted) {
        if (!current.has(group)) {
          await client.send(
            new AdminAddUserToGroupCommand({ UserPoolId, Username: user.employeeId, GroupName: group }),
          );
        }
      }
      for (const group of current) {
        if (!wanted.has(group)) {
          await client.send(
            new AdminRemoveUserFromGroupCommand({ UserPoolId, Username: user.employeeId, GroupName: group }),
          );
        }
      }
    },
    async status(employeeId) {
      try {
        const user = await client.send(new AdminGetUserCommand({ UserPoolId, Username: employeeId }));
        return user.Enabled ? 'enabled' : 'disabled';
      } catch (error) {
        if (error instanceof UserNotFoundException) return 'missing';
        throw error;
      }
    },
    disable: (employeeId) =>
      client
        .send(new AdminDisableUserCommand({ UserPoolId, Username: employeeId }))
        .then(() => {}, ignoreMissingUser),
    signOutEverywhere: (employeeId) =>
      client
        .send(new AdminUserGlobalSignOutCommand({ UserPoolId, Username: employeeId }))
        .then(() => {}, ignoreMissingUser),
    remove: (employeeId) =>
      client
        .send(new AdminDeleteUserCommand({ UserPoolId, Username: employeeId }))
        .then(() => {}, ignoreMissingUser),
  };
}
