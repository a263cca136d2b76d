#!/usr/bin/env tsx
const HELP = `Usage: npm run shop -- [flags]     (or: tsx scripts/shop.ts [flags])

Runs the reference shop in the foreground until Ctrl-C, and prints its URL.

${SHOP_FLAGS_HELP}
Environment:
  SHOP_FAULTS          faults to start with, as JSON, such as {"extraLatencyMs":50}
  SHOP_KAFKA_BROKERS   brokers when --kafka-brokers is not given

Faults can be changed while it runs:
  curl -X PUT <url>/admin/faults -d '{"extraLatencyMs":50}'
`;

import { closeOnSignals } from '../shop/close-on-signals.ts';
import { parseShopArgs, SHOP_FLAGS_HELP } from '../shop/parse-shop-args.ts';
import { readShopEnv } from '../shop/read-shop-env.ts';
import { ShopError } from '../shop/shop-error.ts';
import { startShop } from '../shop/start-shop.ts';

try {
  const args = parseShopArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  const options = { ...readShopEnv(process.env), ...args.options };
  const shop = await startShop({ ...options, exitOnCrash: true });
  // Before printing, so Ctrl-C right after the URL appears still closes the shop cleanly.
  closeOnSignals(shop.close, (line) => process.stderr.write(`${line}\n`));
  process.stdout.write(`${shop.url}\n`);
  const extras = [`WebSocket hub ${shop.url.replace(/^http/, 'ws')}/ws`];
  if (shop.grpcAddress) extras.push(`gRPC Inventory ${shop.grpcAddress}`);
  if (options.kafka) extras.push(`Kafka ${options.kafka.brokers.join(',')}`);
  process.stderr.write(`shop: listening (${extras.join(', ')}); press Ctrl-C to stop\n`);
} catch (error) {
  if (!(error instanceof ShopError)) throw error;
  process.stderr.write(`shop: ${error.message}\n`);
  process.exit(2);
}
