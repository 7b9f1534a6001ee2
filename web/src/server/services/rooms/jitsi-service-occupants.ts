import "server-only";
/**
 * Jitsi's own occupants, with no person behind them. event_sync leaves out only focus (Jicofo) and health-check
 * rooms, so Jibri's recorder arrives as an ordinary occupant/joined: it logs in on the hidden recorder domain
 * (docker-jitsi-meet's XMPP_RECORDER_DOMAIN, `recorder.<XMPP_DOMAIN>`) without a token, hence no name and no Hearth
 * id. Transcribers use the other hidden domain (`hidden.<XMPP_DOMAIN>`). `npm run jitsi:check` holds jitsi.env to
 * the recorder domain named here.
 *
 * event_sync's `occupant_jid` is Prosody's `occupant.jid`: the occupant's real full JID
 * (`recorder@recorder.meet.jitsi/abc123`), not its in-room nick.
 */
export const serviceDomains = (xmppDomain: string): string[] => [`recorder.${xmppDomain}`, `hidden.${xmppDomain}`];

/** The domain part of a JID (`node@domain/resource`, `domain/resource` or `domain`), lower-cased. */
export function jidDomain(jid: string): string {
  const bare = jid.split("/", 1)[0] ?? "";
  return bare.slice(bare.indexOf("@") + 1).toLowerCase();
}

export const isServiceOccupant = (occupant: { occupant_jid: string }, xmppDomain: string): boolean =>
  serviceDomains(xmppDomain).includes(jidDomain(occupant.occupant_jid));
