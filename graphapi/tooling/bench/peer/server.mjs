// The GraphQL peer of `duegraph bench`: the Neo4j GraphQL Library (@neo4j/graphql) on Apollo
// Server, over the same Neo4j and the same graph as `duegraph serve`.
//
// Type definitions cover what the compared queries read: companies, persons, their
// directorships (DIRECTOR_OF with role/start/end as relationship properties) and company
// events, with the graph's property names aliased to the API's field names.
//
// Environment: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE, PEER_HOST, PEER_PORT,
// PEER_PROCESSES (Node processes sharing the port, through the cluster module; default 1).
// Prints "ready <url>" once it answers.

import cluster from "node:cluster";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

export const typeDefs = /* GraphQL */ `
  interface Entity {
    id: ID!
    name: String
  }

  type Company implements Entity @node(labels: ["Company", "Entity"]) {
    id: ID! @alias(property: "key")
    name: String
    status: String
    legalForm: String @alias(property: "legal_form")
    directors: [Entity!]!
      @relationship(type: "DIRECTOR_OF", direction: IN, properties: "Directorship")
    events: [Event!]! @relationship(type: "HAS_EVENT", direction: OUT)
  }

  type Person implements Entity @node(labels: ["Person", "Entity"]) {
    id: ID! @alias(property: "key")
    name: String
    mandates: [Company!]!
      @relationship(type: "DIRECTOR_OF", direction: OUT, properties: "Directorship")
  }

  type Directorship @relationshipProperties {
    role: String
    start: Date
    end: Date
  }

  type Event @node {
    id: ID! @alias(property: "key")
    kind: String
    date: Date
  }
`;

const processes = Number(process.env.PEER_PROCESSES || "1");

async function serve() {
  const driver = neo4j.driver(
    process.env.NEO4J_URI || "bolt://127.0.0.1:7687",
    neo4j.auth.basic(process.env.NEO4J_USER || "neo4j", process.env.NEO4J_PASSWORD || ""),
  );
  const database = process.env.NEO4J_DATABASE || "neo4j";
  const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
  const server = new ApolloServer({ schema });
  const { url } = await startStandaloneServer(server, {
    listen: { host: process.env.PEER_HOST || "127.0.0.1", port: Number(process.env.PEER_PORT || "4000") },
    context: async () => ({ sessionConfig: { database } }),
  });
  return url;
}

if (processes > 1 && cluster.isPrimary) {
  let ready = 0;
  for (let i = 0; i < processes; i += 1) {
    cluster.fork().on("message", (message) => {
      ready += 1;
      if (ready === processes) console.log(`ready ${message}`);
    });
  }
  cluster.on("exit", () => process.exit(1)); // one worker gone: the figures would be wrong
} else {
  const url = await serve();
  if (cluster.isWorker) process.send(url);
  else console.log(`ready ${url}`);
}
