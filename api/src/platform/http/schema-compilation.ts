import type { BuildCompilerFromPool } from '@fastify/ajv-compiler';
import { SerializerSelector, type SerializerFactory } from '@fastify/fast-json-stringify-compiler';
import type { AnyValidateFunction } from 'ajv/dist/core.js';

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- augmentation needs an interface
  interface FastifyInstance {
    schemaCompilation: SchemaCompilation;
  }
}

/**
 * Compiles route schemas (request validators, response serializers) when a route first uses them,
 * not while the app starts. Compiling the ~1,000 schemas of every route up front was over half of
 * the API's start time, which a Lambda container pays before its first answer (issue: cold start);
 * a route costs its few milliseconds of compilation on its first request instead.
 *
 * A broken schema would then only surface when its route is first called, so `compileAll()`
 * compiles whatever is still pending: the test suite calls it once per app so every schema is
 * proven to compile.
 */
export class SchemaCompilation {
  private readonly pending = new Set<() => unknown>();

  /** Wraps the app's validator factory so each validator (and its Ajv instance) is built on first use. */
  validators(build: BuildCompilerFromPool): BuildCompilerFromPool {
    return (externalSchemas, options) => {
      let compiler: ReturnType<BuildCompilerFromPool> | undefined;
      const compilerOnce = () => (compiler ??= build(externalSchemas, options));
      return (routeSchema, meta) => this.lazyValidator(() => compilerOnce()(routeSchema, meta));
    };
  }

  /** Fastify's own serializer factory (fast-json-stringify), each serializer built on first use. */
  serializers(): SerializerFactory {
    const build = SerializerSelector();
    return (externalSchemas, options) => {
      let compiler: ReturnType<SerializerFactory> | undefined;
      const compilerOnce = () => (compiler ??= build(externalSchemas, options));
      return (routeDefinition) => {
        let serializer: ((doc: unknown) => string) | undefined;
        const compileNow = () => {
          if (serializer === undefined) {
            serializer = compilerOnce()(routeDefinition);
            this.pending.delete(compileNow);
          }
          return serializer;
        };
        this.pending.add(compileNow);
        // Once compiled, a call goes straight to the serializer: no bookkeeping per response.
        return (doc: unknown) => (serializer ?? compileNow())(doc);
      };
    };
  }

  /** How many validators and serializers no request has needed yet. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** Compiles every schema no request has needed yet; throws the first compilation error. */
  compileAll(): void {
    // Each compile takes itself off the list once it succeeds.
    for (const compile of [...this.pending]) compile();
  }

  private lazyValidator(compile: () => AnyValidateFunction): AnyValidateFunction {
    const pending = this.pending;
    let compiled: AnyValidateFunction | undefined;
    const compileNow = (): AnyValidateFunction => {
      if (compiled === undefined) {
        compiled = compile();
        pending.delete(compileNow);
      }
      return compiled;
    };
    pending.add(compileNow);
    // Once compiled, a call goes straight to the validator: no bookkeeping per request.
    function validate(this: unknown, ...args: Parameters<AnyValidateFunction>): boolean | Promise<unknown> {
      const target = compiled ?? compileNow();
      const result = target.apply(this, args);
      validate.errors = target.errors ?? null;
      return result;
    }
    validate.errors = null as AnyValidateFunction['errors'];
    // Fastify hands Ajv the request as parent (so coercion can replace a whole query or params
    // object) only when the validator shows a schema environment; every Ajv validator has one, so
    // the placeholder stands for the one the compiled validator will have.
    validate.schemaEnv = {} as AnyValidateFunction['schemaEnv'];
    return validate as AnyValidateFunction;
  }
}
