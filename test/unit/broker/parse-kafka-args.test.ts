import { describe, expect, it } from 'vitest';
import { BrokerError } from '../../../broker/broker-error.ts';
import { parseKafkaArgs } from '../../../broker/parse-kafka-args.ts';

describe('parseKafkaArgs', () => {
  it.each([
    [['ensure'], { kind: 'ensure' }],
    [['start'], { kind: 'start', port: 39092, name: 'default', fresh: false }],
    [['start', '--port', '0', '--name', 'ci', '--fresh'], { kind: 'start', port: 0, name: 'ci', fresh: true }],
    [['stop', '--name', 'ci'], { kind: 'stop', name: 'ci' }],
    [['status'], { kind: 'status', name: undefined }],
    [['status', '--name', 'default'], { kind: 'status', name: 'default' }],
    [['--help'], { kind: 'help' }],
    [['start', '-h'], { kind: 'help' }],
  ])('reads %j as %j', (argv, expected) => {
    expect(parseKafkaArgs(argv)).toEqual(expected);
  });

  it.each([
    [[], 'missing command; expected one of ensure|start|stop|status'],
    [['restart'], 'unknown command "restart"; expected one of ensure|start|stop|status'],
    [['start', '--port', '99999'], 'invalid --port; expected an integer from 0 (a free port) to 65535, got "99999"'],
    [['start', '--port', 'ten'], 'invalid --port; expected an integer from 0 (a free port) to 65535, got "ten"'],
    [['stop', '--port', '1'], 'stop takes no --port'],
    [['ensure', '--fresh'], 'ensure takes no --fresh'],
    [['start', 'now'], 'unexpected argument "now" after start'],
    [['start', '--name', '../x'], `invalid --name; expected letters, digits, '.', '_' or '-', got "../x"`],
    [['start', '--verbose'], "Unknown option '--verbose'"],
  ])('refuses %j with a message that starts with %j', (argv, message) => {
    expect(() => parseKafkaArgs(argv)).toThrow(BrokerError);
    expect(() => parseKafkaArgs(argv)).toThrow(message);
  });
});
