import "server-only";
import type { Redis } from "ioredis";
import type { UserEvent } from "./events";
import { streamKey } from "./event-stream";

type Listener = (id: string, event: UserEvent) => void;

/**
 * One Redis subscriber connection per process, shared by every open event stream in it. Channels are
 * subscribed while at least one local listener wants them.
 */
export class SubscriberHub {
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(private readonly subscriber: Redis) {
    subscriber.on("message", (channel: string, message: string) => {
      const space = message.indexOf(" ");
      const id = message.slice(0, space);
      const event = JSON.parse(message.slice(space + 1)) as UserEvent;
      for (const listener of this.listeners.get(channel) ?? []) listener(id, event);
    });
  }

  /** Resolves once Redis confirms the subscription, so nothing published afterwards can be missed. */
  async listen(userId: string, listener: Listener): Promise<() => Promise<void>> {
    const channel = streamKey(userId);
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
    }
    set.add(listener);
    await this.subscriber.subscribe(channel);
    return async () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(channel) === set) {
        this.listeners.delete(channel);
        await this.subscriber.unsubscribe(channel);
      }
    };
  }
}
