import type { OrderLine } from './order-store.ts';

/** The event published to the orders topic when an order is created; its Kafka key is the order id. */
export interface OrderCreated {
  type: 'OrderCreated';
  orderId: number;
  totalCents: number;
  items: OrderLine[];
  customerId?: string;
  /** When the order was stored, as an ISO 8601 timestamp. */
  createdAt: string;
}

/** Where OrderCreated events go; startShop provides one only when Kafka brokers are configured. */
export interface OrderEvents {
  /**
   * Publishes one event and resolves once the broker acked it or the publish timeout passed. It never
   * rejects: a failed or late publish is counted in /metrics and the order stands, since it is already
   * committed to SQLite.
   */
  publish(event: OrderCreated): Promise<void>;
  close(): Promise<void>;
}
