/** The states of a friend request (docs/social.md, "Friend requests"). */
export enum FriendRequestStatus {
  Pending = 'pending',
  Accepted = 'accepted',
  Declined = 'declined',
  Cancelled = 'cancelled',
}

/** How the caller stands with another user, as profiles and search show it. */
export enum Relationship {
  Self = 'self',
  Friends = 'friends',
  RequestSent = 'request_sent',
  RequestReceived = 'request_received',
  None = 'none',
}

/** Why a user is suggested as a friend. */
export enum SuggestionReason {
  FriendsInCommon = 'friends_in_common',
  UsesTheirTemplate = 'uses_their_template',
}
