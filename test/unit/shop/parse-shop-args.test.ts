import { describe, expect, it } from 'vitest';
import { parseShopArgs } from '../../../shop/parse-shop-args.ts';
import { ShopError } from '../../../shop/shop-error.ts';

const HINT = '; run with --help for usage';
const EXPECTED = 'expected --port N, --host H, --products N, --grpc-port N, --kafka-brokers LIST or --help';

describe('parseShopArgs', () => {
  it.each([
    [[], { help: false, options: {} }],
    [['--port', '8080'], { help: false, options: { port: 8080 } }],
    [['--port=0', '--host', '0.0.0.0'], { help: false, options: { port: 0, host: '0.0.0.0' } }],
    [['--products', '500'], { help: false, options: { productCount: 500 } }],
    [['-h'], { help: true, options: {} }],
    [['--grpc-port', '0'], { help: false, options: { grpcPort: 0 } }],
    [['--kafka-brokers', '127.0.0.1:39092'], { help: false, options: { kafka: { brokers: ['127.0.0.1:39092'] } } }],
    [['--kafka-brokers', 'a:9092, b:9093'], { help: false, options: { kafka: { brokers: ['a:9092', 'b:9093'] } } }],
    [['--kafka-brokers', '[::1]:9092'], { help: false, options: { kafka: { brokers: ['[::1]:9092'] } } }],
  ])('reads %j', (argv, expected) => {
    expect(parseShopArgs(argv)).toEqual(expected);
  });

  it.each([
    [['--port', 'abc'], `invalid --port; expected an integer from 0 to 65535, got "abc"${HINT}`],
    [['--port', '70000'], `invalid --port; expected an integer from 0 to 65535, got 70000${HINT}`],
    [['--products', '0'], `invalid --products; expected an integer from 1 to 10000000, got 0${HINT}`],
    [['--products', '1e3'], `invalid --products; expected an integer from 1 to 10000000, got "1e3"${HINT}`],
    [['--frob'], `unknown flag "--frob"; ${EXPECTED}${HINT}`],
    [['8080'], `unexpected argument "8080"; ${EXPECTED}${HINT}`],
    [['--port'], `missing or misplaced value for --port; ${EXPECTED}${HINT}`],
    [['--host', ''], `invalid --host; expected an address such as 127.0.0.1, got ""${HINT}`],
    [['--grpc-port=-1'], `invalid --grpc-port; expected an integer from 0 to 65535, got "-1"${HINT}`],
    [['--kafka-brokers', 'localhost'], `invalid --kafka-brokers; expected host:port[,host:port...] such as 127.0.0.1:39092, got "localhost"${HINT}`],
    [['--kafka-brokers', ','], `invalid --kafka-brokers; expected host:port[,host:port...] such as 127.0.0.1:39092, got ","${HINT}`],
  ])('rejects %j with one line naming the flag', (argv, message) => {
    expect(() => parseShopArgs(argv)).toThrow(new ShopError(message));
  });
});
