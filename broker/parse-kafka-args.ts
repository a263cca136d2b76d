import { parseArgs } from 'node:util';
import { KAFKA_DEFAULT_PORT } from '../lib/config.ts';
import { BrokerError } from './broker-error.ts';

/** What `scripts/kafka` does; a tagged union so the CLI's switch is exhaustive. */
export type KafkaCommand =
  | { kind: 'help' }
  | { kind: 'ensure' }
  | { kind: 'start'; port: number; name: string; fresh: boolean }
  | { kind: 'stop'; name: string }
  | { kind: 'status'; name: string | undefined };

const COMMANDS = ['ensure', 'start', 'stop', 'status'] as const;
const NEXT_STEP = 'run `npm run kafka -- --help` for usage';

/**
 * Parses `scripts/kafka` arguments strictly: a flag another command does not take is an error.
 * @throws BrokerError with one line naming what was wrong, what was expected and what was given
 */
export function parseKafkaArgs(argv: readonly string[]): KafkaCommand {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new BrokerError(`${(error as Error).message.split('\n')[0]}; ${NEXT_STEP}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  const [command, ...extra] = positionals;
  if (command === undefined || !(COMMANDS as readonly string[]).includes(command)) {
    throw new BrokerError(`${command === undefined ? 'missing command' : `unknown command ${JSON.stringify(command)}`}; expected one of ${COMMANDS.join('|')}; ${NEXT_STEP}`);
  }
  if (extra.length > 0) throw new BrokerError(`unexpected argument ${JSON.stringify(extra[0])} after ${command}; ${NEXT_STEP}`);
  const refuse = (flag: string, given: unknown) => {
    if (given !== undefined) throw new BrokerError(`${command} takes no ${flag}; ${NEXT_STEP}`);
  };
  const name = values.name ?? 'default';
  if (!/^[\w.-]+$/.test(name)) throw new BrokerError(`invalid --name; expected letters, digits, '.', '_' or '-', got ${JSON.stringify(name)}`);
  switch (command as (typeof COMMANDS)[number]) {
    case 'ensure':
      refuse('--port', values.port);
      refuse('--name', values.name);
      refuse('--fresh', values.fresh);
      return { kind: 'ensure' };
    case 'start':
      return { kind: 'start', port: parsePort(values.port), name, fresh: values.fresh ?? false };
    case 'stop':
      refuse('--port', values.port);
      refuse('--fresh', values.fresh);
      return { kind: 'stop', name };
    case 'status':
      refuse('--port', values.port);
      refuse('--fresh', values.fresh);
      return { kind: 'status', name: values.name };
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      name: { type: 'string' },
      fresh: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return KAFKA_DEFAULT_PORT;
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 0 && port <= 65_535)) throw new BrokerError(`invalid --port; expected an integer from 0 (a free port) to 65535, got ${JSON.stringify(text)}`);
  return port;
}
