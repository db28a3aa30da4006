export enum Role {
  User = 'user',
  /** Handles content reports (docs/moderation.md); no other admin power. */
  Moderator = 'moderator',
  Admin = 'admin',
}

/** What a verified access token tells the rest of the application about the caller. */
export interface AuthenticatedUser {
  id: string;
  role: Role;
  /** The refresh-token family (login session) this access token belongs to. */
  sessionId: string;
  /** Whether the email was verified when the access token was issued. */
  emailVerified: boolean;
}
