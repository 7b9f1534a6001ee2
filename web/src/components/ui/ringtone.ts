/**
 * A ring made with WebAudio (no audio files): two short two-tone bursts every three seconds. Browsers may keep the
 * AudioContext suspended until the page has had a click, in which case it stays silent (the dialog still shows).
 */
export class Ringtone {
  private context: AudioContext | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly tones: [number, number] = [440, 480]) {}

  start() {
    if (this.context || typeof AudioContext === "undefined") return;
    this.context = new AudioContext();
    void this.context.resume().catch(() => undefined);
    this.ring();
    this.timer = setInterval(() => this.ring(), 3000);
  }

  stop() {
    clearInterval(this.timer);
    void this.context?.close().catch(() => undefined);
    this.context = null;
  }

  private ring() {
    const context = this.context;
    if (!context || context.state !== "running") return;
    const gain = context.createGain();
    gain.connect(context.destination);
    const t = context.currentTime;
    // Two bursts of 0.4 s, 0.2 s apart, fading in and out so they do not click.
    for (const start of [t, t + 0.6]) {
      gain.gain.setValueAtTime(0, start);
      gain.gain.linearRampToValueAtTime(0.12, start + 0.02);
      gain.gain.setValueAtTime(0.12, start + 0.38);
      gain.gain.linearRampToValueAtTime(0, start + 0.4);
    }
    for (const frequency of this.tones) {
      const oscillator = context.createOscillator();
      oscillator.frequency.value = frequency;
      oscillator.connect(gain);
      oscillator.start(t);
      oscillator.stop(t + 1);
    }
  }
}
