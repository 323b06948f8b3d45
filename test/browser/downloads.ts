// Reading what a figure's download buttons hand over: the file's name and bytes, and a PNG's size.
import type {Download, Locator, Page} from "playwright-core";

export async function downloadFrom(page: Page, button: Locator): Promise<{name: string; bytes: Buffer}> {
  const pending: Promise<Download> = page.waitForEvent("download", {timeout: 15_000});
  await button.click();
  const download = await pending;
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return {name: download.suggestedFilename(), bytes: Buffer.concat(chunks)};
}

/** Width and height of a PNG (its IHDR chunk); throws on anything that is not a PNG. */
export function pngSize(bytes: Buffer): {width: number; height: number} {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature) || bytes.toString("ascii", 12, 16) !== "IHDR") throw new Error("not a PNG file");
  return {width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20)};
}
