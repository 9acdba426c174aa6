import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

/**
 * The fallback peer of `npm run bench:api` when PostGraphile cannot be brought up: a bare Apollo
 * Server 5 answering our three read documents from constants (no token, no database), the ceiling
 * of the GraphQL layer alone on this machine. A process of its own; BARE_APOLLO_PORT.
 */
const typeDefs = `#graphql
  enum ProjectStage { PLANNED PREPARATORY SIGNED STARTED UNDER_CONSTRUCTION COMPLETED IN_OPERATION AT_DESIGN_CAPACITY }
  input ProjectFilter { stages: [ProjectStage!] }
  type Tenant { code: String! name: String! }
  type Project { name: String! owner: Tenant! }
  type ProjectConnection { nodes: [Project!]! totalCount: Int! }
  type Query { tenant(code: String!): Tenant! projects(first: Int, filter: ProjectFilter): ProjectConnection! }
`;

const owner = { code: '371402001', name: '新湖街道' };
const page = Array.from({ length: 20 }, (_, i) => ({ name: `项目 ${i}`, owner }));

const server = new ApolloServer({
  typeDefs,
  resolvers: {
    Query: {
      tenant: (_: unknown, { code }: { code: string }) => ({ code, name: '德城区' }),
      projects: () => ({ nodes: page, totalCount: 320 }),
    },
  },
});

startStandaloneServer(server, { listen: { port: Number(process.env.BARE_APOLLO_PORT), host: '127.0.0.1' } }).then(
  ({ url }) => console.log(`peer listening at ${url}`),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
