import { describe, expect, it } from 'vitest';
import { OptionsError } from '../../../../engine/errors.ts';
import { parseThresholdKey } from '../../../../engine/thresholds/parse-threshold-key.ts';

describe('parseThresholdKey', () => {
  it.each([
    ['http_req_duration', 'http_req_duration', {}],
    ['http_req_duration{scenario:product-get}', 'http_req_duration', { scenario: 'product-get' }],
    ['http_req_duration{status:200,method:GET}', 'http_req_duration', { status: '200', method: 'GET' }],
    ['http_req_duration{ status : 200 , method : GET }', 'http_req_duration', { status: '200', method: 'GET' }],
    ['checks{check:status is 200}', 'checks', { check: 'status is 200' }],
    ['group_duration{group:::individualRequests}', 'group_duration', { group: '::individualRequests' }],
    ['http_req_duration{name:http://${}.com}', 'http_req_duration', { name: 'http://${}.com' }],
    ['http_req_duration{name:"https://shop/products/${}"}', 'http_req_duration', { name: 'https://shop/products/${}' }],
    ["http_req_duration{name:'quoted'}", 'http_req_duration', { name: 'quoted' }],
    ['http_req_duration{expected_response:true}', 'http_req_duration', { expected_response: 'true' }],
    ['RTT', 'RTT', {}],
    ['_private', '_private', {}],
    ['kafka_writer_message_count', 'kafka_writer_message_count', {}],
    ['durée_requête', 'durée_requête', {}],
    ['m'.repeat(128), 'm'.repeat(128), {}],
  ])('reads %s as metric %s with filter %j', (key, metric, filter) => {
    expect(parseThresholdKey(key)).toEqual({ key, metric, filter });
  });

  it.each([
    ['foo{', 'got no closing "}"'],
    ['foo{bar}', 'expected tag filters as "tag:value" separated by commas, got "bar"'],
    ['foo{}', 'got an empty tag filter'],
    ['foo{:x}', 'got ":x"'],
    ['foo{status:}', 'got "status:"'],
    ['foo{a:1,}', 'got ""'],
    ['foo{a:1,a:2}', 'expected each tag once in a filter, got "a" twice'],
    ['foo{a:1}x', 'got no closing "}"'],
    ['', 'got no metric name'],
    ['{status:200}', 'got no metric name'],
    ['9lives', 'expected a metric name of 1 to 128 letters, digits or underscores that does not start with a digit, got "9lives"'],
    ['http-req', 'got "http-req"'],
    ['foo}', 'got "foo}"'],
    ['my metric', 'got "my metric"'],
    ['m'.repeat(129), `got "${'m'.repeat(129)}"`],
  ])('refuses %j: %s', (key, detail) => {
    const call = (): unknown => parseThresholdKey(key);
    expect(call).toThrow(OptionsError);
    expect(call).toThrow(`invalid threshold key ${JSON.stringify(key)}; `);
    expect(call).toThrow(detail);
  });

  it('keeps a tag named __proto__ as a filter rather than setting the prototype and dropping it', () => {
    const { filter } = parseThresholdKey('checks{__proto__:x}');
    expect(Object.keys(filter)).toEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(filter, '__proto__')?.value).toBe('x');
  });
});
