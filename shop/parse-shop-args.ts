import { parseArgs } from 'node:util';
import { checkInteger } from './check-integer.ts';
import { ShopError, shown } from './shop-error.ts';
import { parseBrokerList } from './shop-kafka-options.ts';
import { MAX_PRODUCTS, type ShopOptions } from './shop-options.ts';

/** The shop command line, as the CLIs (shop/main.ts, scripts/shop.ts) accept it. */
export interface ShopArgs {
  help: boolean;
  /** Only the flags given; the rest come from DEFAULT_SHOP_OPTIONS. */
  options: Pick<ShopOptions, 'host' | 'port' | 'productCount' | 'grpcPort' | 'kafka'>;
}

const EXPECTED = 'expected --port N, --host H, --products N, --grpc-port N, --kafka-brokers LIST or --help';
const NEXT_STEP = 'run with --help for usage';

/**
 * Parses shop flags strictly: unknown flags and stray arguments are errors, not ignored.
 * @throws ShopError with one line naming the flag, what was expected and what was given
 */
export function parseShopArgs(argv: readonly string[]): ShopArgs {
  let values: {
    port?: string;
    host?: string;
    products?: string;
    'grpc-port'?: string;
    'kafka-brokers'?: string;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        products: { type: 'string' },
        'grpc-port': { type: 'string' },
        'kafka-brokers': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new ShopError(`${describeParseError(error)}; ${NEXT_STEP}`);
  }

  try {
    const options: ShopArgs['options'] = {};
    if (values.port !== undefined) options.port = checkInteger('--port', numeric(values.port), 0, 65_535);
    if (values.products !== undefined) {
      options.productCount = checkInteger('--products', numeric(values.products), 1, MAX_PRODUCTS);
    }
    if (values['grpc-port'] !== undefined) {
      options.grpcPort = checkInteger('--grpc-port', numeric(values['grpc-port']), 0, 65_535);
    }
    if (values['kafka-brokers'] !== undefined) {
      options.kafka = { brokers: parseBrokerList(values['kafka-brokers'], '--kafka-brokers') };
    }
    if (values.host !== undefined) {
      if (values.host === '') throw new ShopError('invalid --host; expected an address such as 127.0.0.1, got ""');
      options.host = values.host;
    }
    return { help: values.help === true, options };
  } catch (error) {
    if (error instanceof ShopError) throw new ShopError(`${error.message}; ${NEXT_STEP}`);
    throw error;
  }
}

/** Digits become a number; anything else stays text, so the error shows exactly what was typed. */
function numeric(text: string): number | string {
  return /^\d{1,15}$/.test(text) ? Number(text) : text;
}

// node:util's messages are written for developers ("To specify a positional argument starting with a
// '-'..."); these name the flag and what the shop accepts instead.
function describeParseError(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const quoted = /'([^']*)'/.exec(message ?? '')?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown flag ${shown(quoted)}; ${EXPECTED}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${shown(quoted)}; ${EXPECTED}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `missing or misplaced value for ${quoted.split(' ')[0]}; ${EXPECTED}`;
    default:
      return `invalid arguments (${message ?? String(error)}); ${EXPECTED}`;
  }
}

/** The flags both shop command lines take, for their --help. */
export const SHOP_FLAGS_HELP = `Flags:
  --port N               HTTP and WebSocket (/ws) port; 0 picks a free one (default 0)
  --host H               address to listen on (default 127.0.0.1)
  --products N           products to seed (default 10000)
  --grpc-port N          serve gRPC Inventory on this port; 0 picks a free one (default: no gRPC)
  --kafka-brokers LIST   host:port[,host:port...]: publish OrderCreated and run the consumer group
  --help, -h             this text
`;
