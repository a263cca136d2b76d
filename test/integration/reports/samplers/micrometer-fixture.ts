import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** JVM state one scrape of the fixture reports. */
export interface JvmState {
  heapEden: number;
  heapOld: number;
  nonHeap: number;
  gcCount: number;
  gcSum: number;
  gcMax: number;
  threads: number;
  queued: number;
  cpuUsage: number;
}

/** Text as a Spring Boot 3 actuator (Micrometer 1.12, Prometheus registry) serves it at /actuator/prometheus. */
export function micrometerText(s: JvmState): string {
  return `# HELP jvm_memory_used_bytes The amount of used memory
# TYPE jvm_memory_used_bytes gauge
jvm_memory_used_bytes{application="shop",area="heap",id="G1 Eden Space"} ${s.heapEden}
jvm_memory_used_bytes{application="shop",area="heap",id="G1 Old Gen"} ${s.heapOld}
jvm_memory_used_bytes{application="shop",area="heap",id="G1 Survivor Space"} 0.0
jvm_memory_used_bytes{application="shop",area="nonheap",id="Metaspace"} ${s.nonHeap}
jvm_memory_used_bytes{application="shop",area="nonheap",id="CodeCache"} 1.2345E7
# HELP jvm_gc_pause_seconds Time spent in GC pause
# TYPE jvm_gc_pause_seconds summary
jvm_gc_pause_seconds_count{action="end of minor GC",application="shop",cause="G1 Evacuation Pause",gc="G1 Young Generation"} ${s.gcCount}
jvm_gc_pause_seconds_sum{action="end of minor GC",application="shop",cause="G1 Evacuation Pause",gc="G1 Young Generation"} ${s.gcSum}
jvm_gc_pause_seconds_count{action="end of major GC",application="shop",cause="G1 Compaction Pause",gc="G1 Old Generation"} 1
jvm_gc_pause_seconds_sum{action="end of major GC",application="shop",cause="G1 Compaction Pause",gc="G1 Old Generation"} 0.25
# HELP jvm_gc_pause_seconds_max Time spent in GC pause
# TYPE jvm_gc_pause_seconds_max gauge
jvm_gc_pause_seconds_max{action="end of minor GC",application="shop",cause="G1 Evacuation Pause",gc="G1 Young Generation"} ${s.gcMax}
jvm_gc_pause_seconds_max{action="end of major GC",application="shop",cause="G1 Compaction Pause",gc="G1 Old Generation"} 0.0
# HELP jvm_threads_live_threads The current number of live threads including both daemon and non-daemon threads
# TYPE jvm_threads_live_threads gauge
jvm_threads_live_threads{application="shop"} ${s.threads}
# HELP executor_queued_tasks The approximate number of tasks that are queued for execution
# TYPE executor_queued_tasks gauge
executor_queued_tasks{application="shop",name="applicationTaskExecutor"} ${s.queued}
executor_queued_tasks{application="shop",name="taskScheduler"} 1.0
# HELP process_cpu_usage The "recent cpu usage" for the Java Virtual Machine process
# TYPE process_cpu_usage gauge
process_cpu_usage{application="shop"} ${s.cpuUsage}
# HELP http_server_requests_seconds  
# TYPE http_server_requests_seconds summary
http_server_requests_seconds_count{application="shop",error="none",exception="none",method="GET",outcome="SUCCESS",status="200",uri="/products/{id}"} 1520.0
http_server_requests_seconds_sum{application="shop",error="none",exception="none",method="GET",outcome="SUCCESS",status="200",uri="/products/{id}"} 3.801
`;
}

/** An HTTP server whose /actuator/prometheus serves micrometerText(states[n]) on the n-th scrape (the last one after that). */
export async function startMicrometerFixture(states: JvmState[]): Promise<{ url: string; close(): Promise<void> }> {
  let scrapes = 0;
  const server = createServer((request, response) => {
    if (request.url !== '/actuator/prometheus') {
      response.writeHead(404).end();
      return;
    }
    const state = states[Math.min(scrapes++, states.length - 1)]!;
    response.writeHead(200, { 'content-type': 'text/plain;version=0.0.4;charset=utf-8' }).end(micrometerText(state));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/actuator/prometheus`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
