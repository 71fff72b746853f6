import { CHANNELS } from "../channels/address.js";

/**
 * The OpenAPI 3.1 description of the console's JSON API (src/console/pages/api.ts), served at
 * /console/api/openapi.json. test/browser/api.test.ts checks every path here against the server.
 */

const isoTime = { type: ["string", "null"], format: "date-time" } as const;
const byKind = {
  type: "object",
  properties: { ministries: { type: "integer" }, provinces: { type: "integer" } },
  required: ["ministries", "provinces"],
} as const;
const standing = { type: "string", enum: ["not-started", "in-progress", "returned", "submitted", "compliant"] } as const;
const componentStatus = { type: "string", enum: ["met", "partial", "not_met", "unanswered", "not_applicable"] } as const;
const notFound = { description: "No such round or agency, or not yours to read", content: { "application/json": {} } };

const round = {
  type: "object",
  properties: {
    id: { type: "string" },
    name: { type: "string" },
    formId: { type: "string" },
    formVersion: { type: ["integer", "null"] },
    opensAt: isoTime,
    deadline: isoTime,
    closedAt: isoTime,
    status: { type: "string", enum: ["scheduled", "open", "closed"] },
    targets: { type: "object", description: "all, provinces, ministries, a group or a list of agency ids" },
  },
  required: ["id", "name", "formId", "opensAt", "deadline", "status", "targets"],
} as const;

const roundId = { name: "roundId", in: "path", required: true, schema: { type: "string" } } as const;
const agencyId = { name: "agencyId", in: "path", required: true, schema: { type: "string" } } as const;

export const OPENAPI = {
  openapi: "3.1.0",
  info: {
    title: "Đề án 06 reporting: console API",
    version: "1",
    description:
      "Read-only data of the reporting rounds: rounds, progress, agencies, one agency's response with its history. " +
      "Authenticate with a token made in the console (API page): `Authorization: Bearer d06_…`, or a console session. " +
      "A token reads what the secretariat member who made it may read, while they remain in the secretariat.",
  },
  servers: [{ url: "/console" }],
  security: [{ token: [] }, { session: [] }],
  components: {
    securitySchemes: {
      token: { type: "http", scheme: "bearer", description: "A read-only API token, shown once when it is made" },
      session: { type: "apiKey", in: "cookie", name: "d06_session" },
    },
  },
  paths: {
    "/api/v1/rounds": {
      get: {
        summary: "The rounds, latest first",
        responses: {
          "200": {
            description: "The rounds",
            content: { "application/json": { schema: { type: "object", properties: { rounds: { type: "array", items: round } } } } },
          },
        },
      },
    },
    "/api/v1/rounds/{roundId}/progress": {
      get: {
        summary: "Where a round stands, as letter 000 counts it",
        parameters: [roundId],
        responses: {
          "200": {
            description: "Submitted and fully compliant agencies, and each component's statuses among the submitted reports",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: {
                    round,
                    targeted: byKind,
                    submitted: byKind,
                    fullyCompliant: byKind,
                    components: {
                      type: "array",
                      items: {
                        type: "object",
                        properties: {
                          id: { type: "string" },
                          name: { type: "string" },
                          ofSubmitted: {
                            type: "object",
                            properties: {
                              met: { type: "integer" },
                              partial: { type: "integer" },
                              notMet: { type: "integer" },
                              unanswered: { type: "integer" },
                              notApplicable: { type: "integer" },
                            },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
          "404": notFound,
        },
      },
    },
    "/api/v1/rounds/{roundId}/agencies": {
      get: {
        summary: "One line per agency of the round",
        parameters: [roundId],
        responses: {
          "200": {
            description: "The agencies the reader may see",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: {
                    round: { type: "string" },
                    agencies: {
                      type: "array",
                      items: {
                        type: "object",
                        properties: {
                          id: { type: "string" },
                          name: { type: "string" },
                          kind: { type: "string", enum: ["province", "ministry"] },
                          standing,
                          percent: { type: "integer" },
                          lastActivity: isoTime,
                          submittedAt: isoTime,
                          review: { type: ["string", "null"], enum: ["accepted", "returned", null] },
                          fullyCompliant: { type: "boolean" },
                          components: { type: "object", additionalProperties: componentStatus },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
          "404": notFound,
        },
      },
    },
    "/api/v1/rounds/{roundId}/agencies/{agencyId}": {
      get: {
        summary: "One agency's response in the round, with its history",
        parameters: [roundId, agencyId],
        responses: {
          "200": {
            description: "Every answer with who gave it, when and on which messenger; every change",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: {
                    round: { type: "string" },
                    agency: { type: "object" },
                    standing,
                    percent: { type: "integer" },
                    status: { type: ["string", "null"], enum: ["draft", "submitted", "reopened", null] },
                    submittedAt: isoTime,
                    review: { type: ["string", "null"] },
                    reviewComment: { type: ["string", "null"] },
                    answers: {
                      type: "array",
                      items: {
                        type: "object",
                        properties: {
                          path: { type: "string", description: "the question, e.g. r1#<entry>.compliance" },
                          value: { type: ["string", "number", "null"] },
                          by: { type: "string", description: "member id" },
                          at: isoTime,
                          via: { type: ["string", "null"], enum: [...CHANNELS, null] },
                        },
                      },
                    },
                    entries: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
                    history: {
                      type: "array",
                      items: {
                        type: "object",
                        properties: {
                          path: { type: "string" },
                          old: {},
                          new: {},
                          by: { type: "string" },
                          at: isoTime,
                        },
                      },
                    },
                  },
                },
              },
            },
          },
          "404": notFound,
        },
      },
    },
  },
} as const;
