/** A run or study configuration that cannot be trained; commands print its message alone (no stack trace). */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}
