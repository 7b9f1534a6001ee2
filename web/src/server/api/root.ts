import "server-only";
import { accountRouter } from "./routers/account";
import { adminRouter } from "./routers/admin";
import { callsRouter } from "./routers/calls";
import { chatRouter } from "./routers/chat";
import { eventsRouter } from "./routers/events";
import { notificationsRouter } from "./routers/notifications";
import { presenceRouter } from "./routers/presence";
import { pushRouter } from "./routers/push";
import { friendsRouter } from "./routers/friends";
import { legalRouter } from "./routers/legal";
import { profileRouter } from "./routers/profile";
import { roomsRouter } from "./routers/rooms";
import { searchRouter } from "./routers/search";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  account: accountRouter,
  profile: profileRouter,
  friends: friendsRouter,
  search: searchRouter,
  chat: chatRouter,
  events: eventsRouter,
  presence: presenceRouter,
  notifications: notificationsRouter,
  push: pushRouter,
  calls: callsRouter,
  rooms: roomsRouter,
  admin: adminRouter,
  legal: legalRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures without HTTP: used by server components and by the integration tests. */
export const createCaller = createCallerFactory(appRouter);
