/** Set-up, sign-in, the session state and password change. */
import { Type } from 'typebox';

/** As `MIN_PASSWORD_LENGTH` of `password-hash.ts`, which also checks the password's strength. */
export const MIN_PASSWORD_LENGTH = 12;

export const SessionStateSchema = Type.Object(
  {
    setupRequired: Type.Boolean({ description: 'True until the first admin has been created with the set-up code.' }),
    authenticated: Type.Boolean(),
    admin: Type.Optional(Type.Object({ id: Type.String(), username: Type.String() })),
    csrfToken: Type.Optional(
      Type.String({ description: 'Send it back in the `X-CSRF-Token` header of every POST, PUT, PATCH and DELETE.' }),
    ),
    expires: Type.Optional(Type.String({ format: 'date-time', description: 'When the session ends.' })),
  },
  { description: 'The session: whether set-up is needed, and the signed-in admin with the CSRF token.' },
);

const newPassword = (description: string) =>
  Type.String({
    minLength: MIN_PASSWORD_LENGTH,
    description: `${description} At least ${String(MIN_PASSWORD_LENGTH)} characters.`,
  });

export const SetupRequestSchema = Type.Object(
  {
    setupCode: Type.String({
      description: 'The one-time code printed by the server (valid 24 hours; case and dashes do not matter).',
    }),
    username: Type.String({ description: 'The first admin\'s name, e.g. "it-admin" or "jane@example.com".' }),
    password: newPassword("The first admin's password."),
  },
  { additionalProperties: false },
);

const SIGN_IN_DETAIL = 'Send both "username" and "password".';

export const LoginRequestSchema = Type.Object(
  {
    username: Type.String({ minLength: 1, 'x-detail': SIGN_IN_DETAIL }),
    password: Type.String({ minLength: 1, 'x-detail': SIGN_IN_DETAIL }),
  },
  { additionalProperties: false },
);

export const PasswordChangeSchema = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, description: 'The password the admin signed in with.' }),
    newPassword: newPassword('The new password.'),
  },
  { additionalProperties: false },
);
