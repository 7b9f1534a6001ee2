import "server-only";
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { Zip, ZipDeflate } from "fflate";

/**
 * A zip written to a file as it is built: entries are deflated chunk by chunk (fflate), so an archive with a long
 * message history never sits whole in memory.
 */
export class ZipFile {
  private readonly out;
  private readonly zip: Zip;
  private failure: Error | null = null;
  private readonly encoder = new TextEncoder();

  constructor(path: string) {
    this.out = createWriteStream(path);
    this.out.on("error", (error) => (this.failure ??= error));
    this.zip = new Zip((error, chunk, final) => {
      if (error) this.failure ??= error;
      else {
        this.out.write(chunk);
        if (final) this.out.end();
      }
    });
  }

  /** Adds an entry whose content arrives in pieces (strings are UTF-8, buffers as they are). */
  async addStream(
    name: string,
    pieces: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  ): Promise<void> {
    const entry = new ZipDeflate(name, { level: 6 });
    this.zip.add(entry);
    for await (const piece of pieces) {
      entry.push(typeof piece === "string" ? this.encoder.encode(piece) : piece);
      if (this.out.writableNeedDrain) await once(this.out, "drain");
      this.check();
    }
    entry.push(new Uint8Array(0), true);
    this.check();
  }

  addJson(name: string, value: unknown): Promise<void> {
    return this.addStream(name, [JSON.stringify(value, null, 2)]);
  }

  /** Finishes the archive and waits until it is on disk. */
  async close(): Promise<void> {
    this.zip.end();
    this.check();
    if (!this.out.writableFinished) await once(this.out, "finish");
    this.check();
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }
}
