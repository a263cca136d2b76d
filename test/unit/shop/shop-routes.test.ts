import { describe, expect, it } from 'vitest';
import { matchRoute } from '../../../shop/shop-routes.ts';

describe('matchRoute', () => {
  it.each([
    ['GET', '/products/42', '/products/:id'],
    ['GET', '/products/abc', '/products/:id'],
    ['GET', '/products', '/products'],
    ['GET', '/catalog', '/catalog'],
    ['GET', '/health', '/health'],
    ['GET', '/metrics', '/metrics'],
    ['PUT', '/admin/faults', '/admin/faults'],
    ['POST', '/orders', '/orders'],
    ['GET', '/orders', 'unmatched'],
    ['GET', '/products/42/reviews', 'unmatched'],
    ['POST', '/products/42', 'unmatched'],
    ['DELETE', '/admin/faults', 'unmatched'],
    ['GET', '/constructor', 'unmatched'],
  ])('routes %s %s to %s', (method, path, template) => {
    expect(matchRoute(method, path).template).toBe(template);
  });

  it('exempts operator routes from faults, so an injected fault can always be turned off', () => {
    expect(matchRoute('PUT', '/admin/faults').faulty).toBe(false);
    expect(matchRoute('GET', '/metrics').faulty).toBe(false);
    expect(matchRoute('GET', '/health').faulty).toBe(false);
    expect(matchRoute('GET', '/products/1').faulty).toBe(true);
    expect(matchRoute('POST', '/orders').faulty).toBe(true);
  });
});
