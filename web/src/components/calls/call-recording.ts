export type MyRecording = "off" | "requested" | "recording" | "saving";

export interface RecordingState {
  /** My own recording: asked for (waiting until the other party's screen shows it), running, or being saved. */
  mine: MyRecording;
  /** The other party is recording (or asked to): my screen must say so. */
  theirs: boolean;
  error: string | null;
}

export const NO_RECORDING: RecordingState = { mine: "off", theirs: false, error: null };

interface RecordingDeps {
  send: (state: "requested" | "shown" | "stopped") => void;
  /** What gets recorded: the other party's stream and my microphone. */
  sources: () => { remote: MediaStream | null; microphone: MediaStreamTrack | null };
  upload: (recording: Blob) => Promise<void>;
  onChange: (state: RecordingState) => void;
}

/** Files are capped at 25 MB by the server: stop a little before that. */
const MAX_BYTES = 24 * 1024 * 1024;

/**
 * Local call recording with consent: pressing Record only asks ("requested"); the recorder starts when the other
 * party's device confirms its screen shows "… is recording this call" ("shown"). What is recorded is the other
 * party's video with both voices mixed (their audio and my microphone): the conversation as I saw it, without
 * compositing two videos on a canvas. On stop the webm goes to the 1:1 conversation as an attachment.
 */
export class CallRecording {
  private state: RecordingState = NO_RECORDING;
  private recorder: MediaRecorder | null = null;
  private chunks: Blob[] = [];
  private audio: AudioContext | null = null;
  private acknowledged = false;
  private readonly deps: RecordingDeps;

  constructor(deps: RecordingDeps) {
    this.deps = deps;
  }

  request() {
    if (this.state.mine !== "off") return;
    this.set({ mine: "requested", error: null });
    this.deps.send("requested");
  }

  /** My screen now shows that they are recording: tell them (once per request), so they may start. */
  acknowledge() {
    if (!this.state.theirs || this.acknowledged) return;
    this.acknowledged = true;
    this.deps.send("shown");
  }

  onSignal(state: "requested" | "shown" | "stopped") {
    if (state === "requested") {
      this.acknowledged = false;
      this.set({ theirs: true });
    } else if (state === "stopped") {
      this.set({ theirs: false });
    } else if (this.state.mine === "requested") {
      this.begin();
    }
  }

  /** Stops (and saves) my recording; `tell` is false once the call is over (signals are refused then). */
  async stop(tell = true) {
    const mine = this.state.mine;
    if (mine === "requested") {
      this.set({ mine: "off" });
      if (tell) this.deps.send("stopped");
    } else if (mine === "recording") {
      this.set({ mine: "saving" });
      if (tell) this.deps.send("stopped");
      const recording = await this.finishRecorder();
      try {
        if (recording.size > 0) await this.deps.upload(recording);
        this.set({ mine: "off" });
      } catch {
        this.set({ mine: "off", error: "The recording couldn't be saved." });
      }
    }
  }

  /** The call is over: save what was recorded, forget the other party's. */
  async end() {
    this.set({ theirs: false });
    await this.stop(false);
  }

  private begin() {
    const { remote, microphone } = this.deps.sources();
    const video = remote?.getVideoTracks()[0];
    if (!video || typeof MediaRecorder === "undefined") {
      this.set({ mine: "off", error: "This browser can't record the call." });
      this.deps.send("stopped");
      return;
    }
    this.audio = new AudioContext();
    const mix = this.audio.createMediaStreamDestination();
    for (const track of [...(remote?.getAudioTracks() ?? []), ...(microphone ? [microphone] : [])])
      this.audio.createMediaStreamSource(new MediaStream([track])).connect(mix);
    const mimeType = ["video/webm;codecs=vp8,opus", "video/webm"].find((type) => MediaRecorder.isTypeSupported(type));
    const recorder = new MediaRecorder(new MediaStream([video, ...mix.stream.getAudioTracks()]), {
      mimeType,
      videoBitsPerSecond: 1_000_000,
    });
    const chunks: Blob[] = [];
    this.chunks = chunks;
    let bytes = 0;
    recorder.ondataavailable = (event) => {
      chunks.push(event.data);
      bytes += event.data.size;
      if (bytes > MAX_BYTES && this.state.mine === "recording") void this.stop();
    };
    recorder.start(1000);
    this.recorder = recorder;
    this.set({ mine: "recording" });
  }

  private finishRecorder(): Promise<Blob> {
    const recorder = this.recorder;
    const chunks = this.chunks;
    this.recorder = null;
    if (!recorder) return Promise.resolve(new Blob());
    return new Promise((resolve) => {
      recorder.onstop = () => {
        void this.audio?.close();
        this.audio = null;
        resolve(new Blob(chunks, { type: "video/webm" }));
      };
      recorder.stop();
    });
  }

  private set(patch: Partial<RecordingState>) {
    this.state = { ...this.state, ...patch };
    this.deps.onChange(this.state);
  }
}
