// A builder's local paths never reach a published file: the loaders write the ECG folder by its last path
// segment and take the absolute folder out of readers' messages; the pages use the same functions on what they read.

/** The folder as a reader may see it: its last path segment only, never the builder's absolute path. */
export function publicFolder(path: string | undefined | null): string {
  const name = String(path ?? "").replace(/[\\/]+$/, "").split(/[\\/]/).pop();
  return name ? name : "(no folder)";
}

/** `text` with every occurrence of the absolute folder path replaced by its public name. */
export function withoutLocalPath(text: string | undefined | null, folder: string | undefined | null): string {
  const t = String(text ?? "");
  const f = String(folder ?? "").replace(/[\\/]+$/, "");
  return f ? t.split(f).join(publicFolder(f)) : t;
}
