import { accountRouter } from "./routers/account";
import { friendsRouter } from "./routers/friends";
import { profileRouter } from "./routers/profile";
import { searchRouter } from "./routers/search";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  account: accountRouter,
  profile: profileRouter,
  friends: friendsRouter,
  search: searchRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures without HTTP: used by server components and by the integration tests. */
export const createCaller = createCallerFactory(appRouter);
