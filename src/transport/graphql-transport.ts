import type http from 'node:http';
import type { GraphQLSchema, ValidationRule } from 'graphql';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { createFormatError } from '../errors/format-error';
import type { Metrics } from '../observability/metrics';
import type { AdmissionGate } from './admission-gate';

/** What GraphQL over HTTP and over graphql-ws share, so that an operation is treated alike on both. */
export interface GraphqlTransportDeps {
  /** The one Node server: graphql-ws upgrades its connections. */
  readonly httpServer: http.Server;
  readonly schema: GraphQLSchema;
  readonly config: Config;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** The way in: authenticate, rate-limit, context. */
  readonly gate: AdmissionGate;
  /** The document limits (depth, aliases, page sizes ...), applied by both. */
  readonly limitsRule: ValidationRule;
  /** The error mapping (codes, masking, language), applied by both. */
  readonly formatError: ReturnType<typeof createFormatError>;
}
