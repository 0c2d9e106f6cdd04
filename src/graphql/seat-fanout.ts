import {
  Kind,
  createSourceEventStream,
  execute,
  getOperationAST,
  print,
  subscribe,
  visit,
  type ExecutionArgs,
  type ExecutionResult,
  type FieldNode,
  type OperationDefinitionNode,
} from 'graphql';
import type { WebSocket } from 'ws';
import { SeatFeedStream } from '../domain/live/seat-feed-stream.js';
import type { AppServices } from '../domain/services.js';
import type { FeedSink, SeatChangeView } from '../realtime/feeds/types.js';
import { createContext, type GraphQLContext } from './context.js';
import type { FormatError } from './format-error.js';
import { WriteCoalescer } from './write-coalescer.js';

export interface SeatFanoutOptions {
  services: AppServices;
  formatError: FormatError;
  /** A socket with more than this unsent is a slow consumer (it gets a snapshot once drained). */
  maxBufferedBytes: number;
}

/** How one group of subscribers selects fields: same document, operation and other variables. */
interface Shape {
  key: string;
  args: ExecutionArgs;
}

const MAX_SHAPES = 1_000;

/**
 * The WebSocket fast path for `seatChanged` (graphql-ws's `subscribe` option). By default
 * graphql-ws executes the subscription document and JSON-encodes the result once per subscriber
 * per change: 2,000 viewers of an on-sale at 20 changes/s is 40,000 executions a second. Here each
 * change is executed and serialized once per process for every group of subscribers that asked
 * for the same fields (the payload does not depend on the viewer), and each subscriber's frame is
 * that string behind its own operation id, written straight to its socket. A socket that cannot
 * keep up is not queued for: the feed skips it and sends it one whole seat map once it drained.
 * Every other operation goes through graphql-js unchanged.
 */
export function createSeatFanout(opts: SeatFanoutOptions) {
  const sockets = new WeakMap<object, { socket: WebSocket; id: string }>();
  const shapes = new Map<string, Shape>();
  const payloads = new WeakMap<SeatChangeView, Map<string, string | Promise<string>>>();
  const coalescer = new WriteCoalescer();

  const serialize = (result: ExecutionResult): string =>
    JSON.stringify(
      result.errors ? { ...result, errors: result.errors.map((e) => opts.formatError(e.toJSON(), e)) } : result,
    );

  /** The payload of `change` for `shape`: executed the first time any subscriber needs it. */
  function payloadOf(change: SeatChangeView, shape: Shape): string | Promise<string> {
    let byShape = payloads.get(change);
    if (!byShape) payloads.set(change, (byShape = new Map()));
    let payload = byShape.get(shape.key);
    if (payload === undefined) {
      const result = execute({ ...shape.args, rootValue: change });
      payload = result instanceof Promise ? result.then(serialize) : serialize(result);
      byShape.set(shape.key, payload);
    }
    return payload;
  }

  function shapeOf(args: ExecutionArgs, operation: OperationDefinitionNode, field: FieldNode): Shape {
    const variables = payloadVariables(operation, field, args.variableValues ?? {});
    const key = `${print(args.document)}\0${args.operationName ?? ''}\0${JSON.stringify(variables)}`;
    let shape = shapes.get(key);
    if (!shape) {
      if (shapes.size >= MAX_SHAPES) shapes.delete(shapes.keys().next().value!);
      // Executed without a viewer: nothing viewer-specific can leak into a shared payload.
      const contextValue: GraphQLContext = createContext(opts.services, null);
      shape = { key, args: { ...args, variableValues: args.variableValues ?? {}, contextValue } };
      shapes.set(key, shape);
    }
    return shape;
  }

  return {
    /** graphql-ws `context`: remembers which socket and operation id a context belongs to. */
    bind(context: GraphQLContext, socket: WebSocket, id: string): GraphQLContext {
      sockets.set(context, { socket, id });
      return context;
    },

    /** graphql-ws `subscribe`. */
    async subscribe(args: ExecutionArgs): Promise<ExecutionResult | AsyncIterable<ExecutionResult>> {
      const target = sockets.get(args.contextValue as object);
      const operation = getOperationAST(args.document, args.operationName);
      const field = operation?.selectionSet.selections[0];
      if (!target || !operation || field?.kind !== Kind.FIELD || field.name.value !== 'seatChanged') {
        return subscribe(args);
      }
      // Runs the resolver's subscribe (argument coercion, validation, NOT_FOUND...) as usual.
      const stream = await createSourceEventStream(args);
      if (!(stream instanceof SeatFeedStream)) {
        if (Symbol.asyncIterator in stream) throw new Error('seatChanged returned an unknown stream');
        return stream; // the resolver's errors, mapped by onNext like any result
      }
      const shape = shapeOf(args, operation, field);
      return new SocketStream(stream, target.socket, target.id, {
        payloadOf: (change) => payloadOf(change, shape),
        maxBufferedBytes: opts.maxBufferedBytes,
        coalescer,
        // Not an AppError (the feed could not start): logged, and INTERNAL_SERVER_ERROR to the client.
        failure: (err) =>
          JSON.stringify({ errors: [opts.formatError({ message: String(err), path: ['seatChanged'] }, err)] }),
      });
    },
  };
}

/**
 * What graphql-ws iterates for a pushed subscription: it never yields (frames go to the socket
 * directly) and ends when graphql-ws calls `return()` (the client completed or disconnected).
 */
class SocketStream implements AsyncGenerator<never, undefined> {
  private handle: { stop(): void } | undefined;
  private finish!: () => void;
  private readonly finished = new Promise<IteratorResult<never, undefined>>(
    (resolve) => (this.finish = () => resolve({ value: undefined, done: true })),
  );
  private chain: Promise<void> | undefined;

  constructor(
    private readonly stream: SeatFeedStream,
    private readonly socket: WebSocket,
    id: string,
    private readonly opts: {
      payloadOf: (change: SeatChangeView) => string | Promise<string>;
      maxBufferedBytes: number;
      coalescer: WriteCoalescer;
      failure: (err: unknown) => string;
    },
  ) {
    this.prefix = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
  }
  private readonly prefix: string;

  next(): Promise<IteratorResult<never, undefined>> {
    // graphql-ws asks for the first result only once it registered the operation id: frames
    // start after that, never for an id the client does not know yet.
    this.handle ??= this.stream.pushTo(this.sink());
    return this.finished;
  }

  return(): Promise<IteratorResult<never, undefined>> {
    this.handle?.stop();
    this.finish();
    return this.finished;
  }

  throw(): Promise<IteratorResult<never, undefined>> {
    return this.return();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private sink(): FeedSink {
    return {
      send: (change) => {
        const payload = this.opts.payloadOf(change);
        // Payloads are built synchronously (SeatChange resolves from memory); an asynchronous one
        // holds back the frames after it so the order stays the version order.
        if (typeof payload === 'string' && !this.chain) this.write(payload);
        else this.chain = (this.chain ?? Promise.resolve()).then(async () => this.write(await payload));
      },
      backedUp: () => this.socket.bufferedAmount > this.opts.maxBufferedBytes,
      fail: (err) => {
        this.write(this.opts.failure(err));
        void this.return();
      },
    };
  }

  private write(payload: string): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    this.opts.coalescer.beforeWrite(this.socket);
    this.socket.send(this.prefix + payload + '}');
  }
}

/** Variables the payload may depend on: all but those only used as seatChanged's arguments. */
function payloadVariables(
  operation: OperationDefinitionNode,
  field: FieldNode,
  values: Record<string, unknown>,
): Record<string, unknown> {
  const uses = new Map<string, number>();
  visit(operation.selectionSet, {
    Variable: (node) => void uses.set(node.name.value, (uses.get(node.name.value) ?? 0) + 1),
  });
  const argUses = new Map<string, number>();
  for (const arg of field.arguments ?? []) {
    visit(arg.value, { Variable: (node) => void argUses.set(node.name.value, (argUses.get(node.name.value) ?? 0) + 1) });
  }
  return Object.fromEntries(
    Object.entries(values).filter(([name]) => (uses.get(name) ?? 0) > (argUses.get(name) ?? 0)),
  );
}
