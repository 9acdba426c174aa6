import { GraphQLError, parse, validate, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';

/** A document ready to run, or why it cannot run (each error coded as over HTTP). */
export type PreparedDocument = { document: DocumentNode } | { errors: readonly GraphQLError[] };

export interface DocumentRules {
  readonly rules: readonly ValidationRule[];
  /** Lexical tokens a document may have; the parser stops at the first one over. */
  readonly maxTokens: number;
  /** Drop "Did you mean ...?" from validation errors (as Apollo does over HTTP when told to). */
  readonly hideSuggestions: boolean;
}

const SUGGESTION = / ?Did you mean(.+?)\?$/;

/**
 * Parsed and validated documents by their text, for graphql-ws (Apollo keeps its own for HTTP).
 * A wall of dashboards sends the same few subscription documents thousands of times; each
 * subscription holds its document for its lifetime, so sharing one parsed copy keeps a
 * connection's memory small and spares the parse and validation. Bounded, least recently used first out.
 */
export class DocumentCache {
  private readonly documents = new Map<string, PreparedDocument>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly options: DocumentRules,
    private readonly capacity = 1000,
  ) {}

  private coded(error: GraphQLError, code: string): GraphQLError {
    const message = this.options.hideSuggestions ? error.message.replace(SUGGESTION, '') : error.message;
    // As Apollo's own wrappers do: formatError finds this server's translated text (a limit's) there.
    const originalError = error.originalError ?? error;
    return new GraphQLError(message, {
      nodes: error.nodes,
      source: error.source,
      positions: error.positions,
      originalError,
      extensions: { ...error.extensions, code },
    });
  }

  prepare(text: string): PreparedDocument {
    const cached = this.documents.get(text);
    if (cached) {
      // Refresh its place: a Map iterates in insertion order, so the first key is the least recent.
      this.documents.delete(text);
      this.documents.set(text, cached);
      return cached;
    }
    const prepared = this.parseAndValidate(text);
    this.documents.set(text, prepared);
    if (this.documents.size > this.capacity) this.documents.delete(this.documents.keys().next().value!);
    return prepared;
  }

  private parseAndValidate(text: string): PreparedDocument {
    let document: DocumentNode;
    try {
      document = parse(text, { maxTokens: this.options.maxTokens });
    } catch (error) {
      if (error instanceof GraphQLError) return { errors: [this.coded(error, 'GRAPHQL_PARSE_FAILED')] };
      throw error;
    }
    const errors = validate(this.schema, document, this.options.rules);
    return errors.length > 0 ? { errors: errors.map((e) => this.coded(e, 'GRAPHQL_VALIDATION_FAILED')) } : { document };
  }
}
