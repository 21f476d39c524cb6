export interface ReminderLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Says once that a dependency went away and once that it came back, however many jobs notice meanwhile. */
export class OutageLog {
  private down = false;

  constructor(
    private readonly logger: ReminderLogger,
    private readonly downMessage: (reason: string) => string,
    private readonly upMessage: string,
  ) {}

  get isDown(): boolean {
    return this.down;
  }

  reportDown(reason: string): void {
    if (this.down) return;
    this.down = true;
    this.logger.warn(this.downMessage(reason));
  }

  reportUp(): void {
    if (!this.down) return;
    this.down = false;
    this.logger.log(this.upMessage);
  }
}
