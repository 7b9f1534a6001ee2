export interface MediaState {
  audio: boolean;
  video: boolean;
  screen: boolean;
}

export type TrackKind = "audio" | "video";

/** Thrown when neither camera nor microphone can be used (no device, or permission refused). */
export class MediaUnavailableError extends Error {}

/**
 * This device's microphone, camera and (optionally) shared screen for one call. The track to send for each kind can
 * change (another device picked, a screen shared); `onSendTrack` tells the peer connection to swap it in place
 * (RTCRtpSender.replaceTrack, no renegotiation).
 */
export class LocalMedia {
  onChange: () => void = () => undefined;
  onSendTrack: (kind: TrackKind, track: MediaStreamTrack) => void = () => undefined;
  private microphone: MediaStreamTrack | null;
  private camera: MediaStreamTrack | null;
  private screenTrack: MediaStreamTrack | null = null;
  private previewStream: MediaStream;

  private constructor(stream: MediaStream) {
    this.microphone = stream.getAudioTracks()[0] ?? null;
    this.camera = stream.getVideoTracks()[0] ?? null;
    this.previewStream = this.buildPreview();
  }

  /** Camera and microphone; the microphone alone when there is no camera. */
  static async open(): Promise<LocalMedia> {
    for (const constraints of [
      { audio: true, video: { width: { ideal: 1280 }, height: { ideal: 720 } } },
      { audio: true },
    ]) {
      try {
        return new LocalMedia(await navigator.mediaDevices.getUserMedia(constraints));
      } catch {
        // try the next, smaller ask
      }
    }
    throw new MediaUnavailableError("Hearth couldn't use your camera or microphone.");
  }

  /** The tracks to send, in the order they are added to the connection. */
  sendTracks(): MediaStreamTrack[] {
    return [this.microphone, this.screenTrack ?? this.camera].filter((t): t is MediaStreamTrack => !!t);
  }

  /** What the local preview shows: the camera, or the screen while sharing (a new object on every change). */
  get preview(): MediaStream {
    return this.previewStream;
  }

  /** The microphone alone (a recording mixes it with the other party's audio). */
  get audioTrack(): MediaStreamTrack | null {
    return this.microphone;
  }

  get state(): MediaState {
    return { audio: !!this.microphone?.enabled, video: !!this.camera?.enabled, screen: !!this.screenTrack };
  }

  get hasCamera(): boolean {
    return !!this.camera;
  }

  setAudio(on: boolean) {
    if (this.microphone) this.microphone.enabled = on;
    this.changed(false);
  }

  setVideo(on: boolean) {
    if (this.camera) this.camera.enabled = on;
    this.changed(false);
  }

  /** Switches to another microphone or camera (keeping muted / camera-off as it was). */
  async useDevice(kind: TrackKind, deviceId: string) {
    const constraints =
      kind === "audio" ? { audio: { deviceId: { exact: deviceId } } } : { video: { deviceId: { exact: deviceId } } };
    const track = (await navigator.mediaDevices.getUserMedia(constraints)).getTracks()[0]!;
    const old = kind === "audio" ? this.microphone : this.camera;
    track.enabled = old?.enabled ?? true;
    old?.stop();
    if (kind === "audio") this.microphone = track;
    else this.camera = track;
    if (kind === "audio" || !this.screenTrack) this.onSendTrack(kind, track);
    this.changed();
  }

  /** The device ids in use now (for the device picker). */
  currentDeviceId(kind: TrackKind): string | undefined {
    return (kind === "audio" ? this.microphone : this.camera)?.getSettings().deviceId;
  }

  /** Sends a screen (or window) instead of the camera until stopped, here or from the browser's own "Stop sharing". */
  async shareScreen() {
    if (this.screenTrack) return;
    const track = (await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false })).getVideoTracks()[0]!;
    track.addEventListener("ended", () => this.stopScreen());
    this.screenTrack = track;
    this.onSendTrack("video", track);
    this.changed();
  }

  stopScreen() {
    if (!this.screenTrack) return;
    this.screenTrack.stop();
    this.screenTrack = null;
    if (this.camera) this.onSendTrack("video", this.camera);
    this.changed();
  }

  close() {
    for (const track of [this.microphone, this.camera, this.screenTrack]) track?.stop();
    this.onChange = () => undefined;
  }

  private buildPreview(): MediaStream {
    const video = this.screenTrack ?? this.camera;
    return new MediaStream(video ? [video] : []);
  }

  private changed(tracksChanged = true) {
    if (tracksChanged) this.previewStream = this.buildPreview();
    this.onChange();
  }
}
