export type CallQuality = "good" | "fair" | "poor";

export interface ConnectionStats {
  /** The selected candidate pair goes through the TURN relay (on either side). */
  relayed: boolean;
  roundTripSeconds: number | null;
  /** Share of inbound packets lost since the previous sample (0–1). */
  packetLoss: number;
  quality: CallQuality;
}

interface Counters {
  lost: number;
  received: number;
}

/** Reads the selected candidate pair and loss/RTT from one getStats() report, comparing loss with the previous sample. */
export class StatsReader {
  private previous: Counters = { lost: 0, received: 0 };

  async sample(pc: RTCPeerConnection): Promise<ConnectionStats | null> {
    const report = await pc.getStats();
    const pair = selectedPair(report);
    if (!pair) return null;
    const local = report.get(pair.localCandidateId) as { candidateType?: string } | undefined;
    const remote = report.get(pair.remoteCandidateId) as { candidateType?: string } | undefined;
    const counters: Counters = { lost: 0, received: 0 };
    report.forEach((s: { type: string; packetsLost?: number; packetsReceived?: number }) => {
      if (s.type !== "inbound-rtp") return;
      counters.lost += Math.max(0, s.packetsLost ?? 0);
      counters.received += s.packetsReceived ?? 0;
    });
    const lost = counters.lost - this.previous.lost;
    const total = lost + counters.received - this.previous.received;
    this.previous = counters;
    const packetLoss = total > 0 ? Math.max(0, lost) / total : 0;
    const roundTripSeconds = pair.currentRoundTripTime ?? null;
    return {
      relayed: local?.candidateType === "relay" || remote?.candidateType === "relay",
      roundTripSeconds,
      packetLoss,
      quality: qualityOf(roundTripSeconds, packetLoss),
    };
  }
}

function selectedPair(report: RTCStatsReport): RTCIceCandidatePairStats | null {
  let selected: RTCIceCandidatePairStats | null = null;
  report.forEach((s: RTCStats & { selectedCandidatePairId?: string }) => {
    if (s.type === "transport" && s.selectedCandidatePairId)
      selected = (report.get(s.selectedCandidatePairId) as RTCIceCandidatePairStats | undefined) ?? selected;
  });
  if (selected) return selected;
  // Browsers without transport stats: the nominated pair that succeeded.
  report.forEach((s: RTCStats) => {
    const pair = s as RTCIceCandidatePairStats;
    if (s.type === "candidate-pair" && pair.nominated && pair.state === "succeeded") selected = pair;
  });
  return selected;
}

export function qualityOf(roundTripSeconds: number | null, packetLoss: number): CallQuality {
  const rtt = roundTripSeconds ?? 0;
  if (rtt < 0.3 && packetLoss < 0.02) return "good";
  if (rtt < 0.6 && packetLoss < 0.08) return "fair";
  return "poor";
}
