import type { Vu } from '../runtime/vu.ts';
import { createDataModule } from './data.ts';
import { createExecutionModule } from './execution.ts';
import { createGrpcModule } from './grpc/index.ts';
import { createHttpModule } from './http/index.ts';
import { createK6Module } from './k6.ts';
import { createKafkaModule } from './kafka/index.ts';
import { createMetricsModule } from './metrics.ts';
import { createTimersModule } from './timers.ts';
import { createWebSocketsModule } from './websockets/index.ts';

/** Creates a module's instance for one VU. */
export type ModuleFactory = (vu: Vu) => unknown;

/** The k6 modules the engine provides, by import specifier. */
export const MODULES = {
  k6: createK6Module,
  'k6/http': createHttpModule,
  'k6/net/grpc': createGrpcModule,
  'k6/metrics': createMetricsModule,
  'k6/execution': createExecutionModule,
  'k6/data': createDataModule,
  'k6/timers': createTimersModule,
  'k6/websockets': createWebSocketsModule,
  'k6/x/kafka': createKafkaModule,
} satisfies Record<string, ModuleFactory>;

export type ModuleName = keyof typeof MODULES;
