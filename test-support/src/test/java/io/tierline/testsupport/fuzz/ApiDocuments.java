package io.tierline.testsupport.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A small OpenAPI document shaped like the ones SmallRye writes for the services. */
final class ApiDocuments {

    static final String TICKETS = """
            {"paths": {
              "/api/v1/tickets": {
                "post": {
                  "requestBody": {"required": true,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CreateTicket"}}}},
                  "security": [{"jwt": ["agent", "admin"]}]
                },
                "get": {
                  "parameters": [
                    {"name": "customerId", "in": "query", "schema": {"$ref": "#/components/schemas/UUID"}},
                    {"name": "limit", "in": "query",
                     "schema": {"type": "integer", "format": "int32", "minimum": 1, "maximum": 500}}],
                  "security": [{"jwt": ["viewer", "agent", "admin"]}]
                }
              },
              "/api/v1/tickets/{id}": {
                "get": {
                  "parameters": [{"name": "id", "in": "path", "required": true,
                                  "schema": {"$ref": "#/components/schemas/UUID"}}],
                  "security": [{"jwt": ["viewer"]}]
                }
              }
            },
            "components": {"schemas": {
              "UUID": {"type": "string", "format": "uuid"},
              "Severity": {"type": "string", "enum": ["SEV1", "SEV2"]},
              "CreateTicket": {"type": "object", "required": ["customerId", "severity", "title"], "properties": {
                "customerId": {"$ref": "#/components/schemas/UUID"},
                "severity": {"$ref": "#/components/schemas/Severity"},
                "title": {"type": "string", "maxLength": 30, "pattern": "\\\\S"},
                "notes": {"type": "string"},
                "labels": {"type": "array", "items": {"type": "string", "maxLength": 10}},
                "details": {"type": "object", "additionalProperties": {"type": "string"}}
              }}
            }}}
            """;

    static JsonNode tickets() {
        try {
            return new ObjectMapper().readTree(TICKETS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ApiDocuments() {
    }
}
