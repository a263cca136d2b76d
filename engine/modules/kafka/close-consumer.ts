import type { Consumer } from '@platformatic/kafka';

/**
 * Closes a consumer at once (force: pending fetches are dropped), leaving its group if it joined one.
 * Never rejects: closing is cleanup, and a broker already gone must not fail the script.
 */
export function closeConsumer(consumer: Consumer<Buffer, Buffer, Buffer, Buffer>): Promise<void> {
  return new Promise((resolve) => consumer.close(true, () => resolve()));
}
