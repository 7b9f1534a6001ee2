import { describe, expect, it } from "vitest";
import { isServiceOccupant, jidDomain } from "./jitsi-service-occupants";

describe("Jitsi's service occupants", () => {
  it("reads the domain of full, bare and domain-only JIDs", () => {
    expect(jidDomain("recorder@recorder.meet.jitsi/Jb4cK9xQ")).toBe("recorder.meet.jitsi");
    expect(jidDomain("Ada@Meet.Jitsi")).toBe("meet.jitsi");
    expect(jidDomain("recorder.meet.jitsi/x@y")).toBe("recorder.meet.jitsi");
  });

  it("knows Jibri's recorder and transcribers by their hidden domains, and nobody else", () => {
    const is = (jid: string, domain = "meet.jitsi") => isServiceOccupant({ occupant_jid: jid }, domain);
    expect(is("recorder@recorder.meet.jitsi/Jb4cK9xQ")).toBe(true);
    expect(is("transcriber@hidden.meet.jitsi/abc")).toBe(true);
    expect(is("recorder@recorder.example.org/abc", "example.org")).toBe(true);
    expect(is("9f3c2a1b@meet.jitsi/a1b2c3")).toBe(false);
    // A person whose in-room nick happens to be "recorder" is still a person.
    expect(is("recorder@meet.jitsi/recorder")).toBe(false);
    expect(is("recorder@recorder.meet.jitsi.evil.example/abc")).toBe(false);
  });
});
