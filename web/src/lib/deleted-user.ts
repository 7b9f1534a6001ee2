/**
 * How a deleted account appears to others: its messages stay in their conversations with no author (senderId null),
 * and its 1:1 conversations lose the other member. No imports: client components show it too.
 */
export const DELETED_USER_NAME = "Deleted user";
