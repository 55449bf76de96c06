import { applyDecorators, createParamDecorator, ExecutionContext, Get, SetMetadata } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiQuery } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { Type, type Static, type TObject, type TSchema } from '@sinclair/typebox';
import { parseQuery, ParsedQuery } from './query';

/** One HTTP endpoint, described once: its path, its query and its response. */
export interface EndpointDefinition<Q extends TObject = TObject, R extends TSchema = TSchema, P extends TObject = TObject> {
  /** Under the controller's prefix. */
  path: string;
  summary: string;
  query: Q;
  /** Path parameters (`:name` in the path), validated like the query. */
  params?: P;
  response: R;
}

export function endpoint<Q extends TObject, R extends TSchema, P extends TObject = TObject>(
  definition: EndpointDefinition<Q, R, P>,
): EndpointDefinition<Q, R, P> {
  return definition;
}

export type QueryOf<E extends EndpointDefinition> = ParsedQuery<E['query']>;
export type ParamsOf<E> = E extends EndpointDefinition<TObject, TSchema, infer P> ? Static<P> : never;
export type ResponseOf<E extends EndpointDefinition> = Static<E['response']>;

const ENDPOINT = Symbol('endpoint definition');

/** The JSON of a TypeBox schema, without its symbol-keyed metadata. */
export const plain = (schema: TSchema): Record<string, unknown> => JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;

/** The OpenAPI parameters of a query schema: one per property, required as the schema says. */
export function openApiParameters(
  query: TObject,
): { name: string; required: boolean; description?: string; schema: Record<string, unknown> }[] {
  return Object.entries(query.properties as Record<string, TSchema>).map(([name, schema]) => {
    const { description, ...rest } = plain(schema) as { description?: string };
    return { name, required: query.required?.includes(name) ?? false, ...(description ? { description } : {}), schema: rest };
  });
}

/** A GET handler of the definition: routing, the OpenAPI operation, its parameters and its response schema. */
export function Endpoint(definition: EndpointDefinition): MethodDecorator {
  return applyDecorators(
    Get(definition.path),
    SetMetadata(ENDPOINT, definition),
    ApiOperation({ summary: definition.summary }),
    ...openApiParameters(definition.params ?? Type.Object({})).map((p) =>
      ApiParam({ ...p, required: true, schema: p.schema as SchemaObject }),
    ),
    ...openApiParameters(definition.query).map((p) => ApiQuery({ ...p, schema: p.schema as SchemaObject })),
    ApiOkResponse({ schema: plain(definition.response) as SchemaObject }),
  );
}

function definitionOf(context: ExecutionContext, decorator: string): EndpointDefinition {
  const definition = Reflect.getMetadata(ENDPOINT, context.getHandler()) as EndpointDefinition | undefined;
  if (!definition) throw new Error(`${context.getHandler().name}: @${decorator}() needs an @Endpoint() on the handler`);
  return definition;
}

/** The handler's query, validated against its @Endpoint's definition (problem+json naming each invalid parameter). */
export const ValidQuery = createParamDecorator((_: unknown, context: ExecutionContext) =>
  parseQuery(
    definitionOf(context, 'ValidQuery').query,
    context.switchToHttp().getRequest<{ query: Record<string, unknown> }>().query,
  ),
);

/** The handler's path parameters, validated against its @Endpoint's `params`. */
export const ValidParams = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const definition = definitionOf(context, 'ValidParams');
  if (!definition.params) throw new Error(`${context.getHandler().name}: its @Endpoint() has no params`);
  return parseQuery(definition.params, context.switchToHttp().getRequest<{ params: Record<string, unknown> }>().params);
});
