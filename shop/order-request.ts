import { Ajv, type ErrorObject } from 'ajv';
import { ShopError, shown } from './shop-error.ts';

/** One line of an order as the client sends it. */
export interface OrderItem {
  productId: number;
  quantity: number;
}

/** A validated POST /orders body. */
export interface OrderRequest {
  items: OrderItem[];
  customerId?: string;
  /**
   * The order in one canonical JSON form (fixed key order, no extra whitespace). An Idempotency-Key
   * replay is "the same body" when this text matches, however the client spaced or ordered its JSON.
   */
  fingerprint: string;
}

export const MAX_ORDER_ITEMS = 50;
export const MAX_ITEM_QUANTITY = 100;
// Long enough for any customer reference a load script would generate; bounded so rows stay small.
const MAX_CUSTOMER_ID_LENGTH = 200;

const ORDER_SCHEMA = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: {
    items: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_ORDER_ITEMS,
      items: {
        type: 'object',
        required: ['productId', 'quantity'],
        additionalProperties: false,
        properties: {
          productId: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
          quantity: { type: 'integer', minimum: 1, maximum: MAX_ITEM_QUANTITY },
        },
      },
    },
    customerId: { type: 'string', minLength: 1, maxLength: MAX_CUSTOMER_ID_LENGTH },
  },
} as const;

const EXAMPLE = '{"items":[{"productId":1,"quantity":2}]}';

/** What each field accepts, keyed by its path with array indices left out (`items[].quantity`). */
const EXPECTED: Record<string, string> = {
  '': `a JSON object such as ${EXAMPLE}`,
  items: `an array of 1 to ${MAX_ORDER_ITEMS} items`,
  'items[]': 'an object with productId and quantity',
  'items[].productId': 'an integer product id of at least 1',
  'items[].quantity': `an integer from 1 to ${MAX_ITEM_QUANTITY}`,
  customerId: `a string of 1 to ${MAX_CUSTOMER_ID_LENGTH} characters`,
};

/** The fields an object at each path may have, for "unknown field" errors. */
const FIELDS: Record<string, string> = { '': 'items, customerId', 'items[]': 'productId, quantity' };

// allErrors so an unknown field can be reported ahead of the missing one it probably misspells
// ({"item":[]} says "unknown field item", not "missing items").
const validate = new Ajv({ allErrors: true }).compile(ORDER_SCHEMA);

/**
 * Parses and validates a POST /orders body.
 * @throws ShopError with a one-line reason naming the field, what it accepts and the value given
 */
export function parseOrderRequest(text: string): OrderRequest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ShopError(`invalid JSON in the order body; expected ${EXPECTED['']}, got ${brief(text)}`);
  }
  if (!validate(value)) {
    const errors = validate.errors ?? [];
    const first = errors.find((e) => e.keyword === 'additionalProperties') ?? errors[0];
    throw new ShopError(describeError(first, value));
  }
  const order = value as { items: OrderItem[]; customerId?: string };
  // Rebuilt field by field so the fingerprint does not depend on the client's key order.
  const items = order.items.map(({ productId, quantity }) => ({ productId, quantity }));
  const canonical = order.customerId === undefined ? { items } : { items, customerId: order.customerId };
  return { ...canonical, fingerprint: JSON.stringify(canonical) };
}

function describeError(error: ErrorObject | undefined, body: unknown): string {
  const path = error?.instancePath ?? '';
  switch (error?.keyword) {
    case 'required': {
      const field = joinField(displayPath(path), error.params['missingProperty'] as string);
      return `missing ${field} in the order body; expected ${EXPECTED[schemaKey(field)]}`;
    }
    case 'additionalProperties': {
      const where = path === '' ? 'the order body' : displayPath(path);
      return `unknown field ${shown(error.params['additionalProperty'])} in ${where}; expected only ${FIELDS[schemaKey(displayPath(path))]}`;
    }
    default: {
      const field = displayPath(path);
      const label = field === '' ? 'order body' : field;
      return `invalid ${label}; expected ${EXPECTED[schemaKey(field)]}, got ${brief(valueAt(body, path))}`;
    }
  }
}

/** `/items/3/quantity` → `items[3].quantity`. */
function displayPath(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .reduce((field, part) => (/^\d+$/.test(part) ? `${field}[${part}]` : joinField(field, part)), '');
}

function joinField(parent: string, name: string): string {
  return parent === '' ? name : `${parent}.${name}`;
}

/** `items[3].quantity` → `items[].quantity`, the key of EXPECTED. */
function schemaKey(field: string): string {
  return field.replace(/\[\d+\]/g, '[]');
}

function valueAt(body: unknown, instancePath: string): unknown {
  let value = body;
  for (const part of instancePath.split('/').slice(1)) value = (value as Record<string, unknown>)[part];
  return value;
}

/** A value as it goes into a message: arrays by their length, anything long cut short. */
function brief(value: unknown): string {
  if (Array.isArray(value)) return `an array of ${value.length} items`;
  const text = shown(value);
  return text.length > 80 ? `${text.slice(0, 80)}...` : text;
}
