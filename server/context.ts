import type { Backend, Db } from './db/database.ts';
import type { AnyRoute } from './routes/route.ts';
import type { LoginLimiter } from './auth/login-limiter.ts';

/** What every route handler shares. Nothing here caches configuration or ratings. */
export interface ServerContext {
  db: Db;
  backend: Backend;
  now: () => Date;
  log: (message: string) => void;
  loginLimiter: LoginLimiter;
  routes: AnyRoute[];
}
