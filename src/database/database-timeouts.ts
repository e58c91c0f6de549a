import { AppConfig } from '../config/app-config';
import type { DatabaseTimeouts } from './data-source-options';

/** The DB_*_MS limits of the configuration, as every serving pool (primary, replicas) applies them. */
export function timeoutsOf(config: AppConfig): DatabaseTimeouts {
  return {
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
    lockTimeoutMs: config.DB_LOCK_TIMEOUT_MS,
    idleInTransactionTimeoutMs: config.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    connectTimeoutMs: config.DB_CONNECT_TIMEOUT_MS,
    queryTimeoutMs: config.DB_QUERY_TIMEOUT_MS,
  };
}
