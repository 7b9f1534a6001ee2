import { describe, expect, it } from "vitest";
import { refusedUploadField, refusedUploads } from "@/lib/refused-uploads";

describe("refused uploads in an error's fields", () => {
  it("names each refused upload and leaves other fields alone", () => {
    const fields = { body: "Too long.", [refusedUploadField("att1")]: '"a.txt" looks like malware and was removed.' };
    expect(refusedUploads(fields)).toEqual([
      { attachmentId: "att1", message: '"a.txt" looks like malware and was removed.' },
    ]);
    expect(refusedUploads({ body: "Too long." })).toEqual([]);
  });
});
