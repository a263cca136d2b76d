import { format } from 'node:util';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** A log line as k6 prints it: time, level, message and where it came from. */
export interface LogRecord {
  time: string;
  level: LogLevel;
  msg: string;
  source?: string;
}

/** Where log records go: the main thread prints them and keeps them in the run folder. */
export type LogSink = (record: LogRecord) => void;

/** Lines beyond this many per second are counted, not kept: a failing target must not flood the logs. */
const MAX_LINES_PER_SECOND = 50;

export class Logger {
  private second = 0;
  private lines = 0;
  private suppressed = 0;

  constructor(private readonly sink: LogSink) {}

  log(level: LogLevel, msg: string, source?: string): void {
    const now = Date.now();
    const second = Math.floor(now / 1000);
    if (second !== this.second) {
      if (this.suppressed > 0) {
        const note = `${this.suppressed} more log lines in the previous second were suppressed`;
        this.sink({ time: new Date(now).toISOString(), level: 'warn', msg: note });
      }
      this.second = second;
      this.lines = 0;
      this.suppressed = 0;
    }
    if (++this.lines > MAX_LINES_PER_SECOND) {
      this.suppressed++;
      return;
    }
    this.sink({ time: new Date(now).toISOString(), level, msg, source });
  }

  /** The `console` a script sees: k6 maps log/info to info, and keeps debug, warn and error. */
  console(): Console {
    const at = (level: LogLevel) => (...args: unknown[]) => this.log(level, format(...args), 'console');
    const scriptConsole = Object.create(console) as Console;
    return Object.assign(scriptConsole, {
      log: at('info'),
      info: at('info'),
      debug: at('debug'),
      warn: at('warn'),
      error: at('error'),
    });
  }
}
