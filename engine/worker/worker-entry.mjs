// Worker threads start in plain Node: register tsx here so the TypeScript worker can load.
import { register } from 'tsx/esm/api';

register();
await import('./worker-main.ts');
